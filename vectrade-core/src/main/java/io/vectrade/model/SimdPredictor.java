package io.vectrade.model;

import io.vectrade.backend.Backend;
import io.vectrade.parallel.RowPool;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The simd predictor: rows are processed in blocks of {@value #BLOCK}; inside a block activations are
 * stored unit-major ({@code act[unit * BLOCK + row]}) so one vector lane follows one row and every dense
 * layer is a sequence of broadcast-weight fused multiply-adds over contiguous rows. Blocks are split
 * statically over all cores ({@link RowPool}); each part has its own scratch, so the result does not
 * depend on the thread count. Differs from the cpu predictor only by FMA rounding and the vector
 * tanh/exp (within 1e-12 relative, tested).
 *
 * <p>Not thread-safe; allocation-free per call. Small calls (under {@value #PARALLEL_MIN_ROWS} rows, e.g. one
 * live bar) run on the calling thread only.
 */
final class SimdPredictor implements Predictor {
    static final int BLOCK = 128;
    static final int PARALLEL_MIN_ROWS = 4 * BLOCK;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);

    private final Model model;
    private final double[] mean;
    private final double[] std;
    private final DenseLayer[] layers;
    private final RowPool pool;
    private final double[][] bufA;
    private final double[][] bufB;
    private final double[][] poison;
    private final RowPool.Job job = this::runBlocks;
    // arguments of the call in flight, read by the workers after the pool's volatile handoff
    private double[][] inputs;
    private double[] scores;
    private int fromRow;
    private int toRow;

    SimdPredictor(Model model, int threads) {
        if (BLOCK % S.length() != 0) {
            throw new IllegalStateException("block size not a multiple of the vector length, lanes=" + S.length());
        }
        this.model = model;
        this.mean = model.meanArray();
        this.std = model.stdArray();
        this.layers = model.layers().toArray(DenseLayer[]::new);
        int parts = Math.max(1, threads);
        this.pool = new RowPool(parts, "vectrade-predict");
        int width = model.maxWidth();
        bufA = new double[parts][width * BLOCK];
        bufB = new double[parts][width * BLOCK];
        poison = new double[parts][BLOCK];
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public Backend backend() {
        return Backend.SIMD;
    }

    @Override
    public void predict(double[][] in, int from, int to, double[] out) {
        Predictor.checkArguments(model, in, from, to, out);
        int blocks = (to - from + BLOCK - 1) / BLOCK;
        this.inputs = in;
        this.scores = out;
        this.fromRow = from;
        this.toRow = to;
        try {
            if (to - from < PARALLEL_MIN_ROWS || pool.parts() == 1) {
                runBlocks(0, 0, blocks);
            } else {
                pool.run(job, blocks);
            }
        } finally {
            this.inputs = null;
            this.scores = null;
        }
    }

    private void runBlocks(int part, int fromBlock, int toBlock) {
        double[][] in = inputs;
        double[] out = scores;
        for (int b = fromBlock; b < toBlock; b++) {
            int r0 = fromRow + b * BLOCK;
            int len = Math.min(BLOCK, toRow - r0);
            block(in, out, r0, len, bufA[part], bufB[part], poison[part]);
        }
    }

    private void block(double[][] in, double[] out, int r0, int len, double[] a, double[] b, double[] bad) {
        int lanes = S.length();
        int padded = (len + lanes - 1) / lanes * lanes;
        java.util.Arrays.fill(bad, 0, padded, 0.0);
        // load + normalise; poison[r] becomes NaN when any input of row r is NaN or infinite (v * 0)
        for (int f = 0; f < in.length; f++) {
            double[] col = in[f];
            double m = mean[f];
            double sd = std[f];
            int base = f * BLOCK;
            int r = 0;
            int full = len - len % lanes;
            for (; r < full; r += lanes) {
                DoubleVector v = DoubleVector.fromArray(S, col, r0 + r);
                DoubleVector.fromArray(S, bad, r).add(v.mul(0.0)).intoArray(bad, r);
                v.sub(m).div(sd).intoArray(a, base + r);
            }
            for (; r < len; r++) {
                double v = col[r0 + r];
                bad[r] += v * 0.0;
                a[base + r] = (v - m) / sd;
            }
            for (; r < padded; r++) {
                a[base + r] = 0.0;
            }
        }
        double[] x = a;
        double[] y = b;
        for (DenseLayer d : layers) {
            dense(d, x, y, padded);
            double[] t = x;
            x = y;
            y = t;
        }
        for (int r = 0; r < len; r++) {
            out[r0 + r] = x[r] + bad[r];
        }
    }

    /** {@code y[o][r] = act(bias[o] + Σ_k w[o][k] x[k][r])} for rows {@code [0, padded)}; four outputs at a time, then the activation pass. */
    private static void dense(DenseLayer d, double[] x, double[] y, int padded) {
        double[] w = d.weightsArray();
        double[] bias = d.biasArray();
        int k = d.inputs();
        int outs = d.outputs();
        int lanes = S.length();
        for (int r = 0; r < padded; r += lanes) {
            int o = 0;
            for (; o + 4 <= outs; o += 4) {
                DoubleVector s0 = DoubleVector.broadcast(S, bias[o]);
                DoubleVector s1 = DoubleVector.broadcast(S, bias[o + 1]);
                DoubleVector s2 = DoubleVector.broadcast(S, bias[o + 2]);
                DoubleVector s3 = DoubleVector.broadcast(S, bias[o + 3]);
                int w0 = o * k;
                for (int j = 0; j < k; j++) {
                    DoubleVector xv = DoubleVector.fromArray(S, x, j * BLOCK + r);
                    s0 = xv.fma(DoubleVector.broadcast(S, w[w0 + j]), s0);
                    s1 = xv.fma(DoubleVector.broadcast(S, w[w0 + k + j]), s1);
                    s2 = xv.fma(DoubleVector.broadcast(S, w[w0 + 2 * k + j]), s2);
                    s3 = xv.fma(DoubleVector.broadcast(S, w[w0 + 3 * k + j]), s3);
                }
                s0.intoArray(y, o * BLOCK + r);
                s1.intoArray(y, (o + 1) * BLOCK + r);
                s2.intoArray(y, (o + 2) * BLOCK + r);
                s3.intoArray(y, (o + 3) * BLOCK + r);
            }
            for (; o < outs; o++) {
                DoubleVector s = DoubleVector.broadcast(S, bias[o]);
                int w0 = o * k;
                for (int j = 0; j < k; j++) {
                    s = DoubleVector.fromArray(S, x, j * BLOCK + r).fma(DoubleVector.broadcast(S, w[w0 + j]), s);
                }
                s.intoArray(y, o * BLOCK + r);
            }
        }
        activate(d.activation(), y, outs, padded);
    }

    /**
     * Applies the activation in place to units {@code [0, outs)}, rows {@code [0, padded)}. One loop per
     * activation (the switch sits outside the loops) so C2 keeps every vector in registers: a vector value
     * merged from several switch arms would be boxed, one allocation per vector.
     */
    private static void activate(Activation act, double[] y, int outs, int padded) {
        int lanes = S.length();
        switch (act) {
            case IDENTITY -> {
            }
            case RELU -> {
                for (int o = 0; o < outs; o++) {
                    for (int r = o * BLOCK, end = r + padded; r < end; r += lanes) {
                        DoubleVector.fromArray(S, y, r).max(0.0).intoArray(y, r);
                    }
                }
            }
            case TANH -> {
                for (int o = 0; o < outs; o++) {
                    for (int r = o * BLOCK, end = r + padded; r < end; r += lanes) {
                        DoubleVector.fromArray(S, y, r).lanewise(VectorOperators.TANH).intoArray(y, r);
                    }
                }
            }
            case SIGMOID -> {
                for (int o = 0; o < outs; o++) {
                    for (int r = o * BLOCK, end = r + padded; r < end; r += lanes) {
                        DoubleVector v = DoubleVector.fromArray(S, y, r);
                        ONE.div(v.neg().lanewise(VectorOperators.EXP).add(1.0)).intoArray(y, r);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
