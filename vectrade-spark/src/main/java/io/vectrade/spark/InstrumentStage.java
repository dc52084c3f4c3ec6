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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Stage 1 of the Spark job, one task per instrument block (partition {@code b} holds block {@code b}:
 * {@link ExactPartitions}): the bars of the block (rows {@code id, timestamp, open, high, low, close,
 * volume} in any order) are read once into the block's columnar {@link Panel} ({@link BlockBuilder}); a
 * feature engine and predictor (cpu or simd, one thread: Spark runs a task per core) compute the features
 * and scores of the whole block; the output is one row per bar that exists: {@code id, bar, score,
 * carried features..., bucket key}.
 *
 * <p>The hot path reads primitive fields of Spark's reused input row and writes primitive fields of one
 * reused output row: no object per bar. The engine and predictor live for the block's computation.
 */
final class InstrumentStage implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String ID = "id";
    static final String BAR = "bar";
    static final String SCORE = "score";
    static final String BLOCK_KEY = "block_key";
    static final String BUCKET_KEY = "bucket_key";

    private final JobSpec spec;
    private final Broadcast<Universe> universe;

    InstrumentStage(JobSpec spec, Broadcast<Universe> universe) {
        this.spec = spec;
        this.universe = universe;
    }

    /**
     * The output schema: id, bar, score, the carried feature columns ({@code f0, f1, ...}), and the shuffle key
     * of the bar's bucket for the signal stage.
     */
    static StructType schema(JobSpec spec) {
        List<StructField> f = new ArrayList<>();
        f.add(new StructField(ID, DataTypes.IntegerType, false, Metadata.empty()));
        f.add(new StructField(BAR, DataTypes.IntegerType, false, Metadata.empty()));
        f.add(new StructField(SCORE, DataTypes.DoubleType, false, Metadata.empty()));
        for (int k = 0; k < spec.carriedColumns().length; k++) {
            f.add(new StructField("f" + k, DataTypes.DoubleType, false, Metadata.empty()));
        }
        f.add(new StructField(BUCKET_KEY, DataTypes.IntegerType, false, Metadata.empty()));
        return new StructType(f.toArray(StructField[]::new));
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        return new Blocks(spec, universe.value(), rows);
    }

    /** The block of one partition: filled from every input row, computed, then emitted row by row. */
    private static final class Blocks implements Iterator<InternalRow> {
        private final JobSpec spec;
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
        private int i;
        private int t = -1;

        Blocks(JobSpec spec, Universe universe, Iterator<InternalRow> in) {
            this.spec = spec;
            this.bucketKeys = spec.bucketKeys();
            this.barsPerBucket = spec.barsPerBucket();
            int[] carried = spec.carriedColumns();
            this.carriedColumns = new double[carried.length][];
            this.out = new SpecificInternalRow(schema(spec));
            if (!in.hasNext()) {
                return;  // count 0: nothing to emit
            }
            int ipb = spec.instrumentsPerBlock();
            int block = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
            firstId = block * ipb;
            count = Math.min(ipb, universe.instruments() - firstId);
            BlockBuilder builder = new BlockBuilder(universe);
            builder.start(firstId, count);
            while (in.hasNext()) {
                InternalRow r = in.next();
                int id = r.getInt(0);
                if (id / ipb != block) {
                    throw new IllegalStateException("a row of another instrument block in this task, id=" + id + " block=" + block);
                }
                boolean anyNull = false;
                for (int k = 2; k < 7; k++) {
                    anyNull |= r.isNullAt(k);
                }
                builder.add(id, r.getLong(1), value(r, 2), value(r, 3), value(r, 4), value(r, 5), value(r, 6), anyNull);
            }
            Panel panel = builder.panel();
            FeatureSet set = spec.featureSet();
            Model model = spec.model();
            FeatureTable table = FeatureTable.allocate(set, panel);
            scores = new double[panel.bars() * panel.instruments()];
            try (FeatureEngine engine = Backends.featureEngine(spec.backend(), 1);
                 Predictor predictor = model.predictor(spec.backend(), 1)) {
                engine.computeInto(panel, set, table);
                predictor.predict(model.inputColumns(table), 0, scores.length, scores);
            }
            for (int k = 0; k < carried.length; k++) {
                carriedColumns[k] = table.column(carried[k]);
            }
            close = panel.closeColumn();
            width = panel.instruments();
            bars = panel.bars();
            advance();
        }

        private static double value(InternalRow r, int k) {
            return r.isNullAt(k) ? Double.NaN : r.getDouble(k);
        }

        /** Moves the cursor to the next existing bar of the block (i, t), or past the end. */
        private void advance() {
            while (i < count) {
                t++;
                if (t == bars) {
                    i++;
                    t = -1;
                    continue;
                }
                if (!Double.isNaN(close[t * width + i])) {
                    return;
                }
            }
        }

        @Override
        public boolean hasNext() {
            return i < count;
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int r = t * width + i;
            out.setInt(0, firstId + i);
            out.setInt(1, t);
            out.setDouble(2, scores[r]);
            int c = 3;
            for (double[] col : carriedColumns) {
                out.setDouble(c++, col[r]);
            }
            out.setInt(c, bucketKeys[t / barsPerBucket]);
            advance();
            return out;
        }
    }
}
