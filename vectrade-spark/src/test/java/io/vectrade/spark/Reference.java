package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The single-JVM side of the comparison, and the panel ↔ long-form bars conversions the tests need. */
final class Reference {
    static final StructType BARS = new StructType().add("symbol", DataTypes.StringType, false)
            .add("timestamp", DataTypes.LongType, false).add("open", DataTypes.DoubleType, false)
            .add("high", DataTypes.DoubleType, false).add("low", DataTypes.DoubleType, false)
            .add("close", DataTypes.DoubleType, false).add("volume", DataTypes.DoubleType, false);

    private Reference() {
    }

    /** The panel with its instruments in symbol order and bars where no instrument trades dropped (the union calendar of its bars). */
    static Panel canonical(Panel p) {
        Integer[] order = IntStream.range(0, p.instruments()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparing(p::symbol));
        List<Integer> keep = new ArrayList<>();
        for (int t = 0; t < p.bars(); t++) {
            for (int i = 0; i < p.instruments(); i++) {
                if (!p.isMissing(t, i)) {
                    keep.add(t);
                    break;
                }
            }
        }
        int n = p.instruments();
        int bars = keep.size();
        double[][] c = new double[5][bars * n];
        long[] ts = new long[bars];
        List<String> symbols = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            symbols.add(p.symbol(order[k]));
        }
        for (int b = 0; b < bars; b++) {
            int t = keep.get(b);
            ts[b] = p.timestampMillis(t);
            for (int k = 0; k < n; k++) {
                int i = order[k];
                c[0][b * n + k] = p.open(t, i);
                c[1][b * n + k] = p.high(t, i);
                c[2][b * n + k] = p.low(t, i);
                c[3][b * n + k] = p.close(t, i);
                c[4][b * n + k] = p.volume(t, i);
            }
        }
        return Panel.of(symbols, ts, c[0], c[1], c[2], c[3], c[4]);
    }

    /** One row per bar that exists, in a scrambled order over {@code partitions} partitions. */
    static Dataset<Row> bars(SparkSession spark, Panel p, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int t = p.bars() - 1; t >= 0; t--) {
            for (int i = 0; i < p.instruments(); i++) {
                if (!p.isMissing(t, i)) {
                    rows.add(RowFactory.create(p.symbol(i), p.timestampMillis(t), p.open(t, i), p.high(t, i), p.low(t, i),
                            p.close(t, i), p.volume(t, i)));
                }
            }
        }
        return spark.createDataFrame(rows, BARS).repartition(partitions);
    }

    /** The single-JVM pipeline's output on {@code panel}: features, scores and frame (copies). */
    record Result(FeatureTable features, double[] scores, SignalFrame frame) {
    }

    static Result singleJvm(Panel panel, Model model, String policy, Backend backend) {
        try (TradingPipeline p = TradingPipeline.create(model, SignalChain.parse(policy), backend)) {
            SignalFrame frame = p.run(panel);
            FeatureTable table = p.calculateFeatures(panel);  // the same table again, the run's buffers
            SignalFrame copy = SignalFrame.allocate(frame.bars(), frame.instruments());
            System.arraycopy(frame.side(), 0, copy.side(), 0, frame.side().length);
            System.arraycopy(frame.strength(), 0, copy.strength(), 0, frame.strength().length);
            System.arraycopy(frame.weight(), 0, copy.weight(), 0, frame.weight().length);
            return new Result(table, p.scores().clone(), copy);
        }
    }

    /**
     * The raw bits of {@code v}, except that every NaN counts as Java's one NaN: a NaN score's sign bit was
     * seen to differ (the x86 default NaN, sign set, in one JVM; {@link Double#NaN} from Spark) where the
     * predictor's row falls elsewhere in its vector blocks; a NaN's payload carries no value. Every other
     * value, -0.0 included, is compared bit for bit.
     */
    static long bits(double v) {
        return Double.isNaN(v) ? Double.doubleToRawLongBits(Double.NaN) : Double.doubleToRawLongBits(v);
    }

    /**
     * Asserts the Spark frame's rows equal the single-JVM result cell by cell: one row per bar that exists,
     * features and scores compared by their raw bits ({@link #bits}: NaN is one value), side, strength and weight identical (raw bits); a
     * missing bar has no row.
     */
    static void assertSame(List<Row> rows, Panel panel, Result ref, JobSpec spec) {
        int n = panel.instruments();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ids.put(panel.symbol(i), i);
        }
        Map<Long, Integer> bars = new HashMap<>();
        for (int t = 0; t < panel.bars(); t++) {
            bars.put(panel.timestampMillis(t), t);
        }
        List<String> names = spec.outputFeatureNames();
        boolean[] seen = new boolean[panel.bars() * n];
        for (Row row : rows) {
            int i = ids.get(row.<String>getAs("symbol"));
            Instant at = row.getAs("timestamp") instanceof java.sql.Timestamp ts ? ts.toInstant() : row.getAs("timestamp");
            int t = bars.get(at.toEpochMilli());
            int r = t * n + i;
            assertThat(seen[r]).as("one row per bar").isFalse();
            seen[r] = true;
            String where = panel.symbol(i) + " " + at;
            if (spec.withFeatures()) {
                for (int c = 0; c < names.size(); c++) {
                    assertThat(bits(row.<Double>getAs(names.get(c)))).as("%s at %s", names.get(c), where)
                            .isEqualTo(bits(ref.features().value(c, t, i)));
                }
                assertThat(bits(row.<Double>getAs("score"))).as("score at %s", where).isEqualTo(bits(ref.scores()[r]));
            }
            assertThat(row.<Byte>getAs("side")).as("side at %s", where).isEqualTo(ref.frame().side()[r]);
            assertThat(bits(row.<Double>getAs("strength"))).as("strength at %s", where).isEqualTo(bits(ref.frame().strength()[r]));
            assertThat(bits(row.<Double>getAs("weight"))).as("weight at %s", where).isEqualTo(bits(ref.frame().weight()[r]));
            assertThat(row.getAs("date").toString()).isEqualTo(at.toString().substring(0, 10));
        }
        for (int t = 0; t < panel.bars(); t++) {
            for (int i = 0; i < n; i++) {
                int r = t * n + i;
                if (panel.isMissing(t, i)) {
                    // the frame is written for bars that exist (a threshold position held through a gap is not a row)
                    assertThat(seen[r]).as("no row for a missing bar").isFalse();
                } else {
                    assertThat(seen[r]).as("a row for %s at bar %d", panel.symbol(i), t).isTrue();
                }
            }
        }
    }
}
