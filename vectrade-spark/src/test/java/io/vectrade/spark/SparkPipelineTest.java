package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.testdata.OhlcvSeries;
import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spark == the single-JVM pipeline on seeded random panels with gaps (missing bars, instruments that
 * start late and stop early), for several block sizes (one bar per signal task up to all bars; 32
 * instruments per feature task, which leaves a last block of one instrument, up to all), on cpu and
 * simd: features and scores bit for bit, frames identical; and on real Bitstamp minute bars. One local[2]
 * session for the class.
 */
class SparkPipelineTest {
    private static final String RANK = "rank(top=5,bottom=5) | voltarget(target=0.1) | caps(max=0.15,gross=1)";
    private static final String THRESHOLD = "threshold(long=0.52,exit=0.5,short=0.48,cover=0.5) | caps(max=0.2)";
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSessions.start("local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** 65 instruments × 300 bars, 5% of bars missing, some instruments starting late or stopping early. */
    static Panel randomPanel(long seed) {
        Panel p = RandomMarket.panel(seed, 65, 300, 0.05);
        double[][] c = {p.openColumn().clone(), p.highColumn().clone(), p.lowColumn().clone(), p.closeColumn().clone(),
            p.volumeColumn().clone()};
        int n = p.instruments();
        for (int i = 0; i < n; i += 7) {
            int late = (int) ((seed + i * 31L) % 120);
            for (int t = 0; t < late; t++) {
                for (double[] col : c) {
                    col[t * n + i] = Double.NaN;
                }
            }
        }
        for (int i = 3; i < n; i += 11) {
            for (int t = 250; t < p.bars(); t++) {
                for (double[] col : c) {
                    col[t * n + i] = Double.NaN;
                }
            }
        }
        return Reference.canonical(Panel.of(p.symbols(), p.timestampsMillis(), c[0], c[1], c[2], c[3], c[4]));
    }

    /** Real Bitstamp 1-minute bars as three instruments: the whole series, its first half, its second half without every 5th bar. */
    static Panel bitstampPanel() {
        OhlcvSeries s = RealData.bitstampMinutes();
        int n = 3;
        int bars = s.length();
        double[][] c = new double[5][bars * n];
        for (double[] col : c) {
            java.util.Arrays.fill(col, Double.NaN);
        }
        double[][] in = {s.open(), s.high(), s.low(), s.close(), s.volume()};
        for (int t = 0; t < bars; t++) {
            boolean[] has = {true, t < bars / 2, t >= bars / 2 && t % 5 != 0};
            for (int i = 0; i < n; i++) {
                if (has[i]) {
                    for (int k = 0; k < 5; k++) {
                        c[k][t * n + i] = in[k][t];
                    }
                }
            }
        }
        return Reference.canonical(Panel.of(List.of("BTC", "BTC_H1", "BTC_H2"), s.timestampsMillis(), c[0], c[1], c[2], c[3], c[4]));
    }

    @ParameterizedTest(name = "backend={0}")
    @CsvSource({"simd", "cpu"})
    void sparkEqualsSingleJvmOnRealMinuteBars(String backend) {
        Panel panel = bitstampPanel();
        Model model = Models.defaultModel();
        String policy = "rank(top=1,bottom=1) | voltarget(target=0.1) | caps(max=0.5)";
        Backend b = Backend.parse(backend);
        Dataset<Row> bars = Reference.bars(spark, panel, 2);
        Universe universe = Universe.of(bars);
        JobSpec spec = JobSpec.of(b, model, policy, true, universe, 1_000_000).withBlocks(32, 400);
        List<Row> rows = new SparkPipeline(spark).plan(bars, spec, universe).frame().collectAsList();
        Reference.assertSame(rows, panel, Reference.singleJvm(panel, model, policy, b), spec);
    }

    /** chunkBars and bufferedBars 0: the defaults (no flush before the end of a task on these panels). */
    @ParameterizedTest(name = "seed={0} backend={1} instrumentsPerBlock={2} barsPerBucket={3} threshold={4} chunk={5}/{6}")
    @CsvSource({
        "11, simd, 32, 23, false, 0, 0",
        "11, simd, 64, 37, false, 7, 1000000",
        "11, cpu, 96, 300, false, 0, 0",
        "12, simd, 32, 50, false, 16384, 50",
        "12, cpu, 64, 7, false, 1, 3",
        "13, simd, 32, 1, true, 0, 0"})
    void sparkEqualsSingleJvm(long seed, String backend, int instrumentsPerBlock, int barsPerBucket, boolean threshold,
                              int chunkBars, int bufferedBars) {
        Panel panel = randomPanel(seed);
        Model model = Models.defaultModel();
        String policy = threshold ? THRESHOLD : RANK;
        Backend b = Backend.parse(backend);
        Dataset<Row> bars = Reference.bars(spark, panel, 3);
        SparkPipeline pipeline = new SparkPipeline(spark);
        Universe universe = Universe.of(bars);
        assertThat(universe.symbols()).containsExactlyElementsOf(panel.symbols());
        assertThat(universe.calendarMillis()).isEqualTo(panel.timestampsMillis());
        JobSpec spec = JobSpec.of(b, model, policy, true, universe, 1_000_000).withBlocks(instrumentsPerBlock, barsPerBucket);
        if (chunkBars > 0) {
            spec = spec.withInputChunks(chunkBars, bufferedBars);
        }
        List<Row> rows = pipeline.plan(bars, spec, universe).frame().collectAsList();

        Reference.Result ref = Reference.singleJvm(panel, model, policy, b);
        Reference.assertSame(rows, panel, ref, spec);
        assertThat(rows.stream().filter(r -> r.<Byte>getAs("side") != 0).count()).as("some positions").isPositive();
    }
}
