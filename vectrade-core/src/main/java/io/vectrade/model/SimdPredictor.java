package io.vectrade.model;

import io.vectrade.backend.Backend;
import io.vectrade.parallel.RowPool;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The simd predictor. The normalisation is folded into the first layer once, at construction:
 * {@code w'[o][f] = w[o][f] / std[f]} and {@code b'[o] = b[o] - Σ_f w'[o][f] mean[f]}, so the first layer reads
 * the raw input columns in place (no per-row divide, no normalised copy).
 *
 * <ul>
 *   <li>A one-layer model (linear, logistic: one output) is one pass over the rows: per vector of rows an FMA
 *       chain over the inputs, the activation and the store.</li>
 *   <li>Deeper models run rows in blocks of {@value #BLOCK}; inside a block activations are stored unit-major
 *       ({@code act[unit * BLOCK + row]}) so one lane follows one row and every dense layer is a sequence of
 *       broadcast-weight FMAs; the first layer reads the input columns directly.</li>
 * </ul>
 * A range's last, partial vector is copied into a zero-padded staging vector and run through the same vector
 * code, so every row goes through the same lane operations wherever the range starts: a result does not depend
 * on the row range or the thread count (raw bits; a NaN score's sign may differ). Work is split
 * statically over all cores ({@link RowPool}).
 *
 * <p>Differs from the cpu predictor by FMA rounding, the vector tanh/exp and the folded normalisation: the
 * first layer's sum is {@code b' + Σ w' v} instead of {@code b + Σ w (v - mean) / std}, an absolute difference
 * of a few ulps of {@code Σ |w mean / std|} (within 1e-12 relative to {@code max(1, |score|)} for the tested
 * models). A row with any NaN or infinite input scores NaN ({@code v * 0} is added to the row's marker).
 *
 * <p>Not thread-safe; allocation-free per call on the calling thread and on the workers. Small calls (under
 * {@value #PARALLEL_MIN_ROWS} rows, e.g. one live bar) run on the calling thread only.
 */
final class SimdPredictor implements Predictor {
    static final int BLOCK = 128;
    static final int PARALLEL_MIN_ROWS = 4 * BLOCK;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);

    private final Model model;
    /** The first layer's weights divided by std, row-major [outputs][inputs]. */
    private final double[] foldedWeights;
    /** The first layer's bias minus the folded weights times the means. */
    private final double[] foldedBias;
    private final DenseLayer first;
    private final DenseLayer[] rest;
    private final boolean oneLayer;
    private final RowPool pool;
    private final double[][] bufA;
    private final double[][] bufB;
    private final double[][] poison;
    /** Per part: the input columns of a last, partial vector of rows, zero-padded to one vector. */
    private final double[][][] stage;
    /** Per part: one vector's results before the partial store. */
    private final double[][] laneOut;
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
        DenseLayer[] layers = model.layers().toArray(DenseLayer[]::new);
        this.first = layers[0];
        this.rest = java.util.Arrays.copyOfRange(layers, 1, layers.length);
        this.oneLayer = layers.length == 1;
        double[] mean = model.meanArray();
        double[] std = model.stdArray();
        int k = first.inputs();
        double[] w = first.weightsArray();
        double[] b = first.biasArray();
        foldedWeights = new double[w.length];
        foldedBias = new double[b.length];
        for (int o = 0; o < first.outputs(); o++) {
            double shift = 0;
            for (int f = 0; f < k; f++) {
                double wf = w[o * k + f] / std[f];
                foldedWeights[o * k + f] = wf;
                shift += wf * mean[f];
            }
            foldedBias[o] = b[o] - shift;
        }
        int parts = Math.max(1, threads);
        this.pool = new RowPool(parts, "vectrade-predict");
        int width = model.maxWidth();
        bufA = new double[parts][oneLayer ? 0 : width * BLOCK];
        bufB = new double[parts][oneLayer ? 0 : width * BLOCK];
        poison = new double[parts][oneLayer ? 0 : BLOCK];
        stage = new double[parts][k][S.length()];
        laneOut = new double[parts][S.length()];
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
        if (fromBlock >= toBlock) {
            return;
        }
        if (oneLayer) {
            int r0 = fromRow + fromBlock * BLOCK;
            int r1 = Math.min(toRow, fromRow + toBlock * BLOCK);
            int lanes = S.length();
            int full = r0 + (r1 - r0) / lanes * lanes;
            oneLayerRows(in, out, r0, full);
            if (full < r1) {
                int rem = r1 - full;
                double[][] st = stageTail(part, in, full, rem);
                double[] lane = laneOut[part];
                oneLayerRows(st, lane, 0, lanes);
                System.arraycopy(lane, 0, out, full, rem);
            }
            return;
        }
        for (int b = fromBlock; b < toBlock; b++) {
            int r0 = fromRow + b * BLOCK;
            int len = Math.min(BLOCK, toRow - r0);
            block(part, in, out, r0, len);
        }
    }

    /** Copies rows {@code [r, r + rem)} of every input into the part's staging vector, zero-padded. */
    private double[][] stageTail(int part, double[][] in, int r, int rem) {
        double[][] st = stage[part];
        for (int f = 0; f < st.length; f++) {
            System.arraycopy(in[f], r, st[f], 0, rem);
            java.util.Arrays.fill(st[f], rem, st[f].length, 0.0);
        }
        return st;
    }

    /**
     * A one-layer model on rows {@code [r0, r1)} (a whole number of vectors): per vector of rows
     * {@code b' + Σ_f w'[f] v[f]}, the activation, and the rows' NaN marker ({@code Σ v[f] * 0}: NaN when any
     * input is NaN or infinite, else 0). Everything stays in this one method: a vector returned from a call
     * that C2 does not inline (one compiled on its own first, say) is boxed, one allocation per vector. Each
     * switch arm stores its own result, so no vector value is merged from several arms either.
     */
    private void oneLayerRows(double[][] in, double[] out, int r0, int r1) {
        int lanes = S.length();
        double[] w = foldedWeights;
        double bias = foldedBias[0];
        Activation act = first.activation();
        for (int r = r0; r < r1; r += lanes) {
            DoubleVector s = DoubleVector.broadcast(S, bias);
            DoubleVector bad = DoubleVector.zero(S); // not a static constant: a loop phi fed by a constant oop is boxed
            for (int f = 0; f < w.length; f++) {
                DoubleVector v = DoubleVector.fromArray(S, in[f], r);
                s = v.fma(DoubleVector.broadcast(S, w[f]), s);
                bad = bad.add(v.mul(0.0));
            }
            s = s.add(bad);
            switch (act) {
                case IDENTITY -> s.intoArray(out, r);
                case SIGMOID -> ONE.div(s.neg().lanewise(VectorOperators.EXP).add(1.0)).intoArray(out, r);
                case RELU -> s.max(0.0).intoArray(out, r); // lanewise max keeps NaN, as Math.max
                case TANH -> s.lanewise(VectorOperators.TANH).intoArray(out, r);
            }
        }
    }

    private void block(int part, double[][] in, double[] out, int r0, int len) {
        double[] a = bufA[part];
        double[] b = bufB[part];
        double[] bad = poison[part];
        int lanes = S.length();
        int full = len / lanes * lanes;
        int padded = (len + lanes - 1) / lanes * lanes;
        for (int r = 0; r < full; r += lanes) {
            firstVector(in, r0 + r, a, bad, r);
        }
        if (full < len) {
            firstVector(stageTail(part, in, r0 + full, len - full), 0, a, bad, full);
        }
        activate(first.activation(), a, first.outputs(), padded);
        double[] x = a;
        double[] y = b;
        for (DenseLayer d : rest) {
            dense(d, x, y, padded);
            double[] t = x;
            x = y;
            y = t;
        }
        // scalar on purpose (the same IEEE sum as a lane add), and no vector anywhere in this method: it runs
        // once per block, so on a live engine (one block per tick) C2 compiles it thousands of ticks late, and
        // until then a vector operation here runs the Vector API's Java fallback, two objects per vector
        // (2,304 bytes a tick for 64 instruments). The vector work sits in firstVector, dense and activate,
        // whose loops get them compiled within a few hundred ticks.
        for (int r = 0; r < len; r++) {
            out[r0 + r] = x[r] + bad[r];
        }
    }

    /**
     * The first layer (before its activation) straight from the input columns with the folded weights, for the
     * vector of rows at {@code c} of {@code cols}: {@code y[o * BLOCK + r ..]} for every unit {@code o}, and the
     * rows' NaN markers into {@code bad[r ..]}.
     */
    private void firstVector(double[][] cols, int c, double[] y, double[] bad, int r) {
        double[] w = foldedWeights;
        double[] bias = foldedBias;
        int k = first.inputs();
        int outs = first.outputs();
        DoubleVector nan = DoubleVector.zero(S); // not a static constant: a loop phi fed by a constant oop is boxed
        for (int j = 0; j < k; j++) {
            nan = nan.add(DoubleVector.fromArray(S, cols[j], c).mul(0.0));
        }
        nan.intoArray(bad, r);
        int o = 0;
        for (; o + 4 <= outs; o += 4) {
            DoubleVector s0 = DoubleVector.broadcast(S, bias[o]);
            DoubleVector s1 = DoubleVector.broadcast(S, bias[o + 1]);
            DoubleVector s2 = DoubleVector.broadcast(S, bias[o + 2]);
            DoubleVector s3 = DoubleVector.broadcast(S, bias[o + 3]);
            int w0 = o * k;
            for (int j = 0; j < k; j++) {
                DoubleVector xv = DoubleVector.fromArray(S, cols[j], c);
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
                s = DoubleVector.fromArray(S, cols[j], c).fma(DoubleVector.broadcast(S, w[w0 + j]), s);
            }
            s.intoArray(y, o * BLOCK + r);
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
