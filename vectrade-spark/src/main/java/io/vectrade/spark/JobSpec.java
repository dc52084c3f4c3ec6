package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureType;
import io.vectrade.model.Model;
import io.vectrade.model.ModelIO;
import io.vectrade.model.SafeTensors;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the tasks need, in a form that serialises: the backend, the model as its {@code model.json} and
 * float64 safetensors images (exact), the feature set as canonical text, the policy as its spec, and
 * the block sizes. The feature set is the single-JVM pipeline's ({@link TradingPipeline#featureSet()}:
 * the model's inputs plus volatility when the policy needs it). Immutable.
 *
 * @param instrumentsPerBlock instruments per feature task, a multiple of {@link #LANE_ALIGNMENT}
 * @param barsPerBucket       bars per signal task (all bars when the policy is not per bar)
 * @param bars                bars of the universe's calendar
 * @param bucketKeys          the shuffle key of each bucket of bars ({@link ExactPartitions})
 * @param chunkBars           bars per input chunk at most ({@link BarChunks})
 * @param bufferedBars        bars an input task buffers at most before it emits every chunk ({@link BarChunks})
 */
record JobSpec(Backend backend, byte[] modelJson, byte[] modelWeights, String featureText, int volatilityColumn,
               String policy, boolean withFeatures, int instrumentsPerBlock, int barsPerBucket, int bars,
               int[] bucketKeys, int chunkBars, int bufferedBars) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Instrument blocks start at multiples of this: a multiple of every simd lane block (4 vectors of up
     * to 8 doubles), so each lane block of the engine holds the same instruments as in the whole panel.
     */
    static final int LANE_ALIGNMENT = 32;

    /**
     * The spec for a universe: blocks of about {@code cellsPerTask} cells (instruments × bars) in both stages.
     *
     * @throws IllegalArgumentException for cuda (the Spark tasks run cpu or simd) or a bad policy
     */
    static JobSpec of(Backend backend, Model model, String policy, boolean withFeatures, Universe universe,
                      long cellsPerTask) {
        return of(backend, model, policy, withFeatures, universe, cellsPerTask, 1);
    }

    /**
     * The spec for a universe run on {@code parallelism} cores: blocks of at most about {@code cellsPerTask}
     * cells in both stages, their number in each stage a multiple of {@code parallelism} where the universe
     * allows (panel-daily, 1,000 × 2,520 with a million cells a task on 2 cores: 4 blocks of 256 instruments
     * and 4 buckets of 630 bars rather than 3 of 416 and 3 of 1,000, whose third would run alone after the
     * first two).
     *
     * @throws IllegalArgumentException for cuda (the Spark tasks run cpu or simd) or a bad policy
     */
    static JobSpec of(Backend backend, Model model, String policy, boolean withFeatures, Universe universe,
                      long cellsPerTask, int parallelism) {
        if (backend != Backend.CPU && backend != Backend.SIMD) {
            throw new IllegalArgumentException("the Spark job runs cpu or simd in its tasks, --backend=" + backend.id());
        }
        if (cellsPerTask < 1) {
            throw new IllegalArgumentException("cells per task must be positive, cellsPerTask=" + cellsPerTask);
        }
        SignalChain chain = SignalChain.parse(policy);
        FeatureSet set;
        try (TradingPipeline p = TradingPipeline.create(model, chain, Backend.CPU)) {
            set = p.featureSet();
        }
        int vol = -1;
        if (chain.needsVolatility()) {
            for (FeatureSpec s : set.specs()) {
                if (s.type() == FeatureType.VOLATILITY) {
                    vol = set.columnIndex(s.canonical());
                    break;
                }
            }
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive, parallelism=" + parallelism);
        }
        long perBlock = Math.max(1, cellsPerTask / Math.max(1, universe.bars()));
        long blocks = roundUpTo(ceilDiv(universe.instruments(), perBlock), parallelism);
        int ipb = (int) Math.min(roundUp(ceilDiv(universe.instruments(), blocks)), roundUp(universe.instruments()));
        long perBucket = Math.max(1, cellsPerTask / universe.instruments());
        long buckets = roundUpTo(ceilDiv(universe.bars(), perBucket), parallelism);
        int bpb = chain.perBar() ? (int) Math.max(1, ceilDiv(universe.bars(), buckets)) : universe.bars();
        byte[][] images = images(model);
        String text = set.specs().stream().map(FeatureSpec::canonical).collect(Collectors.joining(","));
        return new JobSpec(backend, images[0], images[1], text, vol, chain.spec(), withFeatures, ipb, bpb,
                universe.bars(), ExactPartitions.keys(buckets(universe.bars(), bpb)), BarChunks.CHUNK_BARS,
                BarChunks.BUFFERED_BARS);
    }

    /** The same spec with other block sizes (tests: several partitionings of the same job). */
    JobSpec withBlocks(int instrumentsPerBlock, int barsPerBucket) {
        if (instrumentsPerBlock < 1 || instrumentsPerBlock % LANE_ALIGNMENT != 0 || barsPerBucket < 1) {
            throw new IllegalArgumentException("instruments per block must be a positive multiple of " + LANE_ALIGNMENT
                    + " and bars per bucket positive, instrumentsPerBlock=" + instrumentsPerBlock + " barsPerBucket=" + barsPerBucket);
        }
        int bpb = SignalChain.parse(policy).perBar() ? Math.min(barsPerBucket, bars) : bars;
        return new JobSpec(backend, modelJson, modelWeights, featureText, volatilityColumn, policy, withFeatures,
                instrumentsPerBlock, bpb, bars, ExactPartitions.keys(buckets(bars, bpb)), chunkBars, bufferedBars);
    }

    /** The same spec with other input chunk limits (tests: both of {@link BarChunks}' flushes on small panels). */
    JobSpec withInputChunks(int chunkBars, int bufferedBars) {
        if (chunkBars < 1 || bufferedBars < 1) {
            throw new IllegalArgumentException("chunk limits must be positive, chunkBars=" + chunkBars + " bufferedBars=" + bufferedBars);
        }
        return new JobSpec(backend, modelJson, modelWeights, featureText, volatilityColumn, policy, withFeatures,
                instrumentsPerBlock, barsPerBucket, bars, bucketKeys, chunkBars, bufferedBars);
    }

    /** Signal tasks: buckets of {@code bpb} bars over {@code bars}. */
    static int buckets(int bars, int bpb) {
        return (int) ((bars + (long) bpb - 1) / bpb);
    }

    int buckets() {
        return buckets(bars, barsPerBucket);
    }

    private static long roundUpTo(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static long roundUp(long n) {
        return (n + LANE_ALIGNMENT - 1) / LANE_ALIGNMENT * LANE_ALIGNMENT;
    }

    private static byte[][] images(Model model) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vectrade-model");
            ModelIO.save(model, dir, SafeTensors.DType.F64);
            byte[][] out = {Files.readAllBytes(dir.resolve(ModelIO.MODEL_JSON)), Files.readAllBytes(dir.resolve(ModelIO.WEIGHTS))};
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // a temporary directory left behind
                }
            }
        }
    }

    /** The model, decoded from the images (once per task). */
    Model model() {
        return ModelIO.decode(modelJson, ModelIO.MODEL_JSON, modelWeights, ModelIO.WEIGHTS);
    }

    FeatureSet featureSet() {
        return FeatureSet.parse(featureText);
    }

    /** Feature-table columns the feature stage hands to the signal stage after the score. */
    int[] carriedColumns() {
        if (withFeatures) {
            int n = featureSet().columns();
            int[] all = new int[n];
            for (int c = 0; c < n; c++) {
                all[c] = c;
            }
            return all;
        }
        return volatilityColumn < 0 ? new int[0] : new int[] {volatilityColumn};
    }

    /** Index among the carried columns of the volatility column, or -1. */
    int carriedVolatility() {
        if (volatilityColumn < 0) {
            return -1;
        }
        return withFeatures ? volatilityColumn : 0;
    }

    /** The feature columns' names in the output: canonical names made Parquet-safe ({@code rsi(14)} → {@code rsi_14}). */
    List<String> outputFeatureNames() {
        return featureSet().columnNames().stream().map(JobSpec::safeName).toList();
    }

    static String safeName(String canonical) {
        String s = canonical.replaceAll("[^A-Za-z0-9]+", "_");
        s = s.replaceAll("^_+|_+$", "");
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "JobSpec[backend=" + backend.id() + ", features=" + featureText + ", policy=" + policy
                + ", instrumentsPerBlock=" + instrumentsPerBlock + ", barsPerBucket=" + barsPerBucket + ", chunkBars=" + chunkBars
                + ", bufferedBars=" + bufferedBars + "]";
    }
}
