package io.vectrade.onnx;

import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import io.vectrade.model.Predictor;
import io.vectrade.onnx.trees.TreeEnsemble;

/**
 * Scores an ONNX tree ensemble with vectrade's fast path ({@link TreeEnsemble}) instead of an ONNX
 * Runtime session, to the same bits as the session {@link OnnxPredictor} would open on this backend:
 * rows are normalised and cast to float as there, and each run of {@link OnnxPredictor#CHUNK_ROWS}
 * rows sums its trees in the groups ONNX Runtime's intra-op threads would ({@link OnnxSessions#threads}).
 * Blocks of {@link TreeEnsemble#BLOCK} rows are spread over the same number of threads (cpu: one;
 * simd, auto, cuda: all cores; the result does not depend on how the blocks are spread).
 *
 * <p>A row with a NaN or infinite input scores NaN. Allocates nothing per call after the first
 * (scratch per thread is made at construction). Not thread-safe; close to stop the worker threads.
 */
final class TreePredictor implements Predictor {
    /** Calls with fewer blocks than this run on the calling thread alone (the hand-off would cost more). */
    static final int MIN_BLOCKS_TO_SPLIT = 8;

    private final Model model;
    private final Backend backend;
    private final TreeEnsemble trees;
    private final int ortThreads;
    private final double[] mean;
    private final double[] std;
    private final int features;
    private final Part[] parts;
    private final BlockWorkers workers;
    private final BlockWorkers.Job job = this::runBlocks;
    // the current call, for the parts
    private double[][] inputs;
    private int fromRow;
    private int toRow;
    private double[] scores;

    /** One thread's scratch: a block of rows as ONNX Runtime's input, bad-row flags, scores. */
    private static final class Part {
        final float[] x;
        final boolean[] bad = new boolean[TreeEnsemble.BLOCK];
        final float[] out = new float[TreeEnsemble.BLOCK];
        final TreeEnsemble.Scratch scratch;

        Part(TreeEnsemble trees, int ortThreads) {
            x = new float[TreeEnsemble.BLOCK * trees.features()];
            scratch = trees.scratch(ortThreads);
        }
    }

    TreePredictor(Model model, TreeEnsemble trees, Backend backend) {
        this.model = model;
        this.backend = backend;
        this.trees = trees;
        this.ortThreads = OnnxSessions.threads(backend);
        this.mean = model.mean();
        this.std = model.std();
        this.features = model.inputs();
        if (trees.features() != features) {
            throw new IllegalArgumentException("the ensemble takes " + trees.features() + " features, the model " + features);
        }
        int threads = OnnxSessions.threads(backend);
        this.parts = new Part[threads];
        for (int p = 0; p < threads; p++) {
            parts[p] = new Part(trees, ortThreads);
        }
        this.workers = threads > 1 ? new BlockWorkers(threads, "vectrade-onnx-trees") : null;
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** Threads a call is spread over. */
    int threads() {
        return parts.length;
    }

    /** The worker threads besides the caller (none on cpu). */
    java.util.List<Thread> workerThreads() {
        return workers == null ? java.util.List.of() : workers.threads();
    }

    @Override
    public void predict(double[][] inputs, int fromRow, int toRow, double[] scores) {
        Predictor.checkArguments(model, inputs, fromRow, toRow, scores);
        int blocks = (toRow - fromRow + TreeEnsemble.BLOCK - 1) / TreeEnsemble.BLOCK;
        this.inputs = inputs;
        this.fromRow = fromRow;
        this.toRow = toRow;
        this.scores = scores;
        try {
            if (workers == null || blocks < MIN_BLOCKS_TO_SPLIT) {
                runBlocks(0, 0, blocks);
            } else {
                workers.run(job, blocks);
            }
        } finally {
            this.inputs = null;
            this.scores = null;
        }
    }

    /** Blocks [b0, b1) of the current call (CHUNK_ROWS is a multiple of BLOCK, so no block spans two runs). */
    private void runBlocks(int part, int b0, int b1) {
        Part s = parts[part];
        for (int b = b0; b < b1; b++) {
            int r = fromRow + b * TreeEnsemble.BLOCK;
            int n = Math.min(TreeEnsemble.BLOCK, toRow - r);
            int chunkStart = fromRow + (b * TreeEnsemble.BLOCK) / OnnxPredictor.CHUNK_ROWS * OnnxPredictor.CHUNK_ROWS;
            int chunkRows = Math.min(OnnxPredictor.CHUNK_ROWS, toRow - chunkStart);
            fill(s, r, n);
            trees.scoreBlock(s.x, 0, n, trees.partitions(chunkRows, ortThreads), s.scratch, s.out, 0);
            for (int k = 0; k < n; k++) {
                scores[r + k] = s.bad[k] ? Double.NaN : s.out[k];
            }
        }
    }

    /** Rows [from, from + n) normalised and cast to float, row-major, as OnnxPredictor feeds them; marks bad rows. */
    private void fill(Part s, int from, int n) {
        float[] x = s.x;
        boolean[] bad = s.bad;
        java.util.Arrays.fill(bad, 0, n, false);
        for (int f = 0; f < features; f++) {
            double[] col = inputs[f];
            double m = mean[f];
            double sd = std[f];
            boolean identity = m == 0 && sd == 1;
            for (int r = 0, o = f; r < n; r++, o += features) {
                double v = col[from + r];
                bad[r] |= !Double.isFinite(v);
                x[o] = (float) (identity ? v : (v - m) / sd);
            }
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }
}
