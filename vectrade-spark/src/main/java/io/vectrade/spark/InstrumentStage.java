package io.vectrade.spark;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.model.Predictor;
import io.vectrade.pipeline.Backends;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.StructType;

import java.io.Serial;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Stage 1 of the Spark job, one task per instrument block (partition {@code b} holds block {@code b}:
 * {@link ExactPartitions}): the bars of the block ({@link BarChunks} records, in any order) are read once
 * into the block's columnar {@link Panel} ({@link BlockBuilder}); a
 * feature engine and predictor (cpu or simd, one thread: Spark runs a task per core) compute the features
 * and scores of the whole block; the output is one {@link Chunk} per bucket of bars of the signal stage
 * (the block's scores and carried feature columns over the bucket's bars as primitive arrays), not a
 * row per bar.
 *
 * <p>The hot path reads primitive fields of Spark's reused input row; the output is a few arrays per
 * bucket: no object per bar. The engine and predictor live for the block's computation.
 */
final class InstrumentStage implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String ID = "id";
    static final String SCORE = "score";
    static final String BLOCK_KEY = "block_key";
    static final String BUCKET_KEY = "bucket_key";

    private final JobSpec spec;
    private final Broadcast<Universe> universe;
    private final TaskTimers timers;

    InstrumentStage(JobSpec spec, Broadcast<Universe> universe, TaskTimers timers) {
        this.spec = spec;
        this.universe = universe;
        this.timers = timers;
    }

    /** The output schema: {@link Chunk#schema} with the carried feature columns. */
    static StructType schema(JobSpec spec) {
        return Chunk.schema(spec.carriedColumns().length);
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        return new Blocks(spec, universe.value(), rows, timers);
    }

    /** The block of one partition: filled from every input row, computed, then emitted row by row. */
    private static final class Blocks implements Iterator<InternalRow> {
        private final int[] bucketKeys;
        private final int barsPerBucket;
        private final SpecificInternalRow out;
        private final double[][] carriedColumns;
        private double[] scores;
        private double[] close;
        private int width;
        private int count;
        private int firstId;
        private int bars;
        /** The next bucket to emit (buckets without a bar of this block are skipped). */
        private int bucket;
        private final TaskTimers timers;

        Blocks(JobSpec spec, Universe universe, Iterator<InternalRow> in, TaskTimers timers) {
            this.timers = timers;
            long t0 = TaskTimers.cpuNanos();
            this.bucketKeys = spec.bucketKeys();
            this.barsPerBucket = spec.barsPerBucket();
            int[] carried = spec.carriedColumns();
            this.carriedColumns = new double[carried.length][];
            this.out = Chunk.row(carried.length);
            if (!in.hasNext()) {
                bucket = Integer.MAX_VALUE;  // nothing to emit
                return;
            }
            int ipb = spec.instrumentsPerBlock();
            int block = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
            firstId = block * ipb;
            count = Math.min(ipb, universe.instruments() - firstId);
            BlockBuilder builder = new BlockBuilder(universe);
            builder.start(firstId, count);
            while (in.hasNext()) {
                BarChunks.addTo(builder, in.next(), block, ipb);
            }
            Panel panel = builder.panel();
            long t1 = TaskTimers.cpuNanos();
            FeatureSet set = spec.featureSet();
            Model model = spec.model();
            FeatureTable table = FeatureTable.allocate(set, panel);
            scores = new double[panel.bars() * panel.instruments()];
            try (FeatureEngine engine = Backends.featureEngine(spec.backend(), 1);
                 Predictor predictor = model.predictor(spec.backend(), 1)) {
                engine.computeInto(panel, set, table);
                predictor.predict(model.inputColumns(table), 0, scores.length, scores);
            }
            long t2 = TaskTimers.cpuNanos();
            timers.blockFill().add(t1 - t0);
            timers.blockCompute().add(t2 - t1);
            for (int k = 0; k < carried.length; k++) {
                carriedColumns[k] = table.column(carried[k]);
            }
            close = panel.closeColumn();
            width = panel.instruments();
            bars = panel.bars();
            advance();
        }

        /** Moves to the next bucket of bars in which an instrument of the block has a bar, or past the end. */
        private void advance() {
            while (bucket < bucketKeys.length && !anyBar(bucket)) {
                bucket++;
            }
        }

        private boolean anyBar(int b) {
            int from = b * barsPerBucket * width;
            int to = Math.min(bars, (b + 1) * barsPerBucket) * width;
            for (int r = from; r < to; r++) {
                if (!Double.isNaN(close[r])) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean hasNext() {
            return bucket < bucketKeys.length;
        }

        /** The chunk of the current bucket: the block's cells of its bars, as primitive arrays. */
        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long t0 = TaskTimers.cpuNanos();
            int firstBar = bucket * barsPerBucket;
            int length = Math.min(bars - firstBar, barsPerBucket);
            int from = firstBar * width;
            int cells = length * width;
            byte[] present = new byte[cells];
            for (int r = 0; r < cells; r++) {
                present[r] = (byte) (r % width < count && !Double.isNaN(close[from + r]) ? 1 : 0);
            }
            out.setInt(Chunk.BUCKET_KEY, bucketKeys[bucket]);
            out.setInt(Chunk.FIRST_ID, firstId);
            out.setInt(Chunk.COUNT, count);
            out.setInt(Chunk.WIDTH, width);
            out.setInt(Chunk.FIRST_BAR, firstBar);
            out.setInt(Chunk.LENGTH, length);
            out.update(Chunk.PRESENT, present);
            out.update(Chunk.SCORE, Chunk.bytes(scores, from, cells));
            for (int k = 0; k < carriedColumns.length; k++) {
                out.update(Chunk.CARRIED + k, Chunk.bytes(carriedColumns[k], from, cells));
            }
            bucket++;
            advance();
            timers.chunkEncode().add(TaskTimers.cpuNanos() - t0);
            return out;
        }
    }
}
