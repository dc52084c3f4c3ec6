package io.vectrade.spark;

import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Stage 2 of the Spark job, one task per bucket of bars (every instrument of a bar in the same task;
 * partition {@code b} holds bucket {@code b}: {@link ExactPartitions}): the feature stage's
 * {@link Chunk}s of a bucket (one per instrument block, in any order) are copied once into time-major
 * columns over all instruments of the universe (NaN where an instrument has no bar, as in the
 * single-JVM panel); the task's own {@link SignalChain} runs over the
 * bucket; the output is one row per existing bar: {@code symbol, timestamp, [features, score], side,
 * strength, weight, date}.
 *
 * <p>A chain that works bar by bar (rank, voltarget, caps) gives on a bucket what it gives on those bars
 * of the whole panel; a threshold chain carries state from bar to bar, so its job has one bucket of all
 * bars ({@link JobSpec#barsPerBucket}). Memory per task: the bucket's cells × (2 + carried) × 8 bytes
 * plus the frame. No object per bar: one reused output row.
 */
final class SignalStage implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String SYMBOL = "symbol";
    static final String TIMESTAMP = "timestamp";
    static final String SIDE = "side";
    static final String STRENGTH = "strength";
    static final String WEIGHT = "weight";
    static final String DATE = "date";
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final JobSpec spec;
    private final Broadcast<Universe> universe;
    private final TaskTimers timers;

    SignalStage(JobSpec spec, Broadcast<Universe> universe, TaskTimers timers) {
        this.spec = spec;
        this.universe = universe;
        this.timers = timers;
    }

    /** The output schema: symbol, timestamp, [features..., score], side, strength, weight, date. */
    static StructType schema(JobSpec spec) {
        List<StructField> f = new ArrayList<>();
        f.add(new StructField(SYMBOL, DataTypes.StringType, false, Metadata.empty()));
        f.add(new StructField(TIMESTAMP, DataTypes.TimestampType, false, Metadata.empty()));
        if (spec.withFeatures()) {
            for (String name : spec.outputFeatureNames()) {
                f.add(new StructField(name, DataTypes.DoubleType, false, Metadata.empty()));
            }
            f.add(new StructField(InstrumentStage.SCORE, DataTypes.DoubleType, false, Metadata.empty()));
        }
        f.add(new StructField(SIDE, DataTypes.ByteType, false, Metadata.empty()));
        f.add(new StructField(STRENGTH, DataTypes.DoubleType, false, Metadata.empty()));
        f.add(new StructField(WEIGHT, DataTypes.DoubleType, false, Metadata.empty()));
        f.add(new StructField(DATE, DataTypes.DateType, false, Metadata.empty()));
        return new StructType(f.toArray(StructField[]::new));
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        return new Buckets(spec, universe.value(), rows, timers);
    }

    /** The bucket of one partition: scattered from every input row, the chain applied, then emitted row by row. */
    private static final class Buckets implements Iterator<InternalRow> {
        private final long[] calendar;
        private final UTF8String[] symbols;
        private final int n;
        private final boolean withFeatures;
        private final SpecificInternalRow out;
        private final double[][] carried;
        private double[] scores;
        private boolean[] present;
        private SignalFrame frame;
        private int firstBar;
        private int cells;
        private int r = -1;

        Buckets(JobSpec spec, Universe universe, Iterator<InternalRow> in, TaskTimers timers) {
            long t0 = TaskTimers.cpuNanos();
            this.calendar = universe.calendarMillis();
            this.n = universe.instruments();
            this.withFeatures = spec.withFeatures();
            int carriedCount = spec.carriedColumns().length;
            this.carried = new double[carriedCount][];
            this.out = new SpecificInternalRow(schema(spec));
            if (!in.hasNext()) {
                symbols = null;
                return;  // cells 0: nothing to emit
            }
            this.symbols = Arrays.stream(universe.symbols()).map(UTF8String::fromString).toArray(UTF8String[]::new);
            int bpb = spec.barsPerBucket();
            int bucket = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
            firstBar = bucket * bpb;
            int length = Math.min(bpb, calendar.length - firstBar);
            cells = Math.multiplyExact(length, n);
            scores = new double[cells];
            present = new boolean[cells];
            Arrays.fill(scores, Double.NaN);
            for (int k = 0; k < carriedCount; k++) {
                carried[k] = new double[cells];
                Arrays.fill(carried[k], Double.NaN);
            }
            while (in.hasNext()) {
                InternalRow chunk = in.next();
                int from = chunk.getInt(Chunk.FIRST_BAR);
                int rows = chunk.getInt(Chunk.LENGTH);
                if (from / bpb != bucket || from < firstBar || from + rows > firstBar + length) {
                    throw new IllegalStateException("a chunk of another bucket of bars in this task, first bar=" + from
                            + " bucket=" + bucket);
                }
                int firstId = chunk.getInt(Chunk.FIRST_ID);
                int count = chunk.getInt(Chunk.COUNT);
                int width = chunk.getInt(Chunk.WIDTH);
                int at = (from - firstBar) * n + firstId;
                Chunk.scatter(chunk.getBinary(Chunk.SCORE), rows, width, count, scores, at, n);
                for (int k = 0; k < carriedCount; k++) {
                    Chunk.scatter(chunk.getBinary(Chunk.CARRIED + k), rows, width, count, carried[k], at, n);
                }
                byte[] has = chunk.getBinary(Chunk.PRESENT);
                for (int t = 0; t < rows; t++) {
                    for (int i = 0; i < count; i++) {
                        int cell = at + t * n + i;
                        if (has[t * width + i] != 0) {
                            present[cell] = true;
                        } else {  // no bar: NaN, as in the single-JVM panel's chain input
                            scores[cell] = Double.NaN;
                            for (double[] c : carried) {
                                c[cell] = Double.NaN;
                            }
                        }
                    }
                }
            }
            long t1 = TaskTimers.cpuNanos();
            frame = SignalFrame.allocate(length, n);
            SignalChain chain = SignalChain.parse(spec.policy());
            int vol = spec.carriedVolatility();
            chain.apply(scores, vol < 0 ? null : carried[vol], 0, length, frame);
            timers.bucketFill().add(t1 - t0);
            timers.chainCompute().add(TaskTimers.cpuNanos() - t1);
            advance();
        }

        private void advance() {
            do {
                r++;
            } while (r < cells && !present[r]);
        }

        @Override
        public boolean hasNext() {
            return r < cells;
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int t = r / n;
            int i = r - t * n;
            long millis = calendar[firstBar + t];
            int c = 0;
            out.update(c++, symbols[i]);
            out.setLong(c++, Math.multiplyExact(millis, 1000L));
            if (withFeatures) {
                for (double[] col : carried) {
                    out.setDouble(c++, col[r]);
                }
                out.setDouble(c++, scores[r]);
            }
            out.setByte(c++, frame.side()[r]);
            out.setDouble(c++, frame.strength()[r]);
            out.setDouble(c++, frame.weight()[r]);
            out.setInt(c, (int) Math.floorDiv(millis, MILLIS_PER_DAY));
            advance();
            return out;
        }
    }
}
