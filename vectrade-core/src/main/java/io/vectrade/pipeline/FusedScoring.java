package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.simd.ChunkSink;
import io.vectrade.feature.simd.SimdFeatureEngine;
import io.vectrade.model.Model;
import io.vectrade.model.Predictor;

/**
 * Features and model fused on simd: the engine computes each block of instruments in chunks of bars into a
 * per-thread chunk table that stays in cache ({@link ChunkSink}), and each chunk is scored at once by that
 * thread's own single-threaded simd predictor; only the scores (and the volatility column the policy needs)
 * go to the full-size arrays. The full feature table is not written for those blocks. A block the engine
 * computes on its reference path (missing bars, a narrow last block, a feature without a lane kernel) goes to
 * the full table as usual and is scored from there, bar by bar.
 *
 * <p>The features are the engine's own values, bit for bit, and the simd predictor's result for a row does not
 * depend on the range it is scored in (a NaN score's sign may), so the scores and the volatility equal those
 * of {@code calculateFeatures} then {@code generatePredictions} for any number of threads.
 *
 * <p>Allocation-free per call after the first (the predictors and chunk tables are made here). Not
 * thread-safe: one call at a time; close to release the predictors.
 */
final class FusedScoring implements ChunkSink, AutoCloseable {
    /** Spacing of the per-part timers, in longs (128 bytes: no two parts share a cache line). */
    private static final int PAD = 16;

    private final SimdFeatureEngine engine;
    private final FeatureSet set;
    private final int volatilityColumn;
    private final Predictor[] predictors;
    private final FeatureTable[] chunkTables;
    private final double[][][] chunkInputs;
    private final double[][] chunkScores;
    /** Per part (at {@code part * PAD}): nanoseconds spent scoring in the current call. */
    private final long[] modelNanos;
    // the call in flight, read by the engine's workers after its pool's volatile hand-over
    private int instruments;
    private int bars;
    private double[][] inputs;
    private double[] scores;
    private double[] volatility;

    /**
     * @param volatilityColumn column of {@code set} the policy reads, copied to the full table; -1 for none
     */
    FusedScoring(SimdFeatureEngine engine, Model model, FeatureSet set, int volatilityColumn) {
        this.engine = engine;
        this.set = set;
        this.volatilityColumn = volatilityColumn;
        int parts = engine.threads();
        this.predictors = new Predictor[parts];
        this.chunkTables = new FeatureTable[parts];
        this.chunkInputs = new double[parts][][];
        this.chunkScores = new double[parts][CHUNK_BARS * BLOCK_WIDTH];
        this.modelNanos = new long[parts * PAD];
        try {
            for (int k = 0; k < parts; k++) {
                chunkTables[k] = ChunkSink.allocateChunkTable(set);
                chunkInputs[k] = model.inputColumns(chunkTables[k]);
                predictors[k] = model.predictor(Backend.SIMD, 1);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** True when a pipeline over {@code engine} and {@code model} can run fused. */
    static boolean applies(Object engine, Model model) {
        return engine instanceof SimdFeatureEngine && model.type().builtIn();
    }

    /**
     * Scores every row of {@code panel} into {@code scores} and writes the volatility column of {@code table};
     * the table's other columns are written only for blocks on the reference path. Returns the nanoseconds
     * spent scoring by the part that spent the most (the parts score at the same time, each its own blocks).
     */
    long run(Panel panel, FeatureTable table, double[][] tableInputs, double[] scoreColumn) {
        instruments = panel.instruments();
        bars = panel.bars();
        inputs = tableInputs;
        scores = scoreColumn;
        volatility = volatilityColumn < 0 ? null : table.column(volatilityColumn);
        for (int k = 0; k < predictors.length; k++) {
            modelNanos[k * PAD] = 0;
        }
        try {
            engine.computeInto(panel, set, table, this);
        } finally {
            inputs = null;
            scores = null;
            volatility = null;
        }
        long most = 0;
        for (int k = 0; k < predictors.length; k++) {
            most = Math.max(most, modelNanos[k * PAD]);
        }
        return most;
    }

    @Override
    public FeatureTable chunkTable(int part) {
        return chunkTables[part];
    }

    @Override
    public void chunk(int part, int first, int count, int t0, int t1) {
        long start = System.nanoTime();
        double[] local = chunkScores[part];
        // rows past the block's last instrument in its last bar are not needed
        int rows = (t1 - t0 - 1) * BLOCK_WIDTH + count;
        predictors[part].predict(chunkInputs[part], 0, rows, local);
        double[] out = scores;
        int n = instruments;
        for (int t = t0, r = 0; t < t1; t++, r += BLOCK_WIDTH) {
            System.arraycopy(local, r, out, t * n + first, count);
        }
        double[] vol = volatility;
        if (vol != null) {
            double[] src = chunkTables[part].column(volatilityColumn);
            for (int t = t0, r = 0; t < t1; t++, r += BLOCK_WIDTH) {
                System.arraycopy(src, r, vol, t * n + first, count);
            }
        }
        modelNanos[part * PAD] += System.nanoTime() - start;
    }

    @Override
    public void block(int part, int first, int count) {
        long start = System.nanoTime();
        Predictor p = predictors[part];
        int n = instruments;
        for (int t = 0, r = first; t < bars; t++, r += n) {
            p.predict(inputs, r, r + count, scores);
        }
        modelNanos[part * PAD] += System.nanoTime() - start;
    }

    @Override
    public void close() {
        for (Predictor p : predictors) {
            if (p != null) {
                p.close();
            }
        }
    }
}
