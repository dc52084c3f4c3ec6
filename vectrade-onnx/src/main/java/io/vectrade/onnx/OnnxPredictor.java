package io.vectrade.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import io.vectrade.model.ModelFormatException;
import io.vectrade.model.Predictor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Scores rows through one ONNX Runtime session. Rows go in chunks of at most {@link #CHUNK_ROWS}:
 * each chunk's normalised features are written row-major into a direct buffer that an
 * {@link OnnxTensor} wraps without copying, and the run writes its scores into a pre-allocated
 * output tensor over another direct buffer (pinned output), read back from there. The buffers and
 * tensors for a full chunk and for the last partial size are made once and reused, so memory is
 * bounded by one chunk whatever the panel.
 *
 * <p>A row with a NaN or infinite input scores NaN (its features are still fed; its output is
 * ignored). Inputs are cast to float for a float graph ({@code (float) ((v - mean) / std)}).
 *
 * <p>Not allocation-free: ONNX Runtime's Java API allocates a few hundred bytes on the Java heap
 * per run (the result object, its arrays); see docs/benchmarks.md. Not thread-safe; close to
 * release the session.
 */
final class OnnxPredictor implements Predictor {
    /**
     * Rows per ONNX Runtime run: small enough that a graph's intermediate tensors stay in cache
     * (4,096 × 64 floats of an MLP layer = 1 MB; with 65,536 rows the benchmark MLP took 2.2× the
     * CPU time, measured), large enough that the per-run cost (a few µs) is small against the work.
     */
    static final int CHUNK_ROWS = 4_096;
    /** Rows per block of the row-major fill (22 float columns: 22 KB, in L1/L2). */
    static final int FILL_BLOCK = 256;

    private final Model model;
    private final OnnxGraph graph;
    private final Backend backend;
    private final OnnxSessions.Opened opened;
    private final double[] mean;
    private final double[] std;
    private final int features;
    /** One fill block, row-major, before its bulk copy into the direct input buffer (float or double graph). */
    private final float[] blockFloat;
    private final double[] blockDouble;
    /** Per row of the current chunk: a NaN or infinite input. */
    private boolean[] badRows = new boolean[0];
    /** Tensors for {@link #CHUNK_ROWS} rows, made on first use. */
    private Batch full;
    /** Tensors for the last partial chunk's size. */
    private Batch tail;

    OnnxPredictor(Model model, OnnxGraph graph, Backend backend) {
        this.model = model;
        this.graph = graph;
        this.backend = backend;
        this.mean = model.mean();
        this.std = model.std();
        this.features = model.inputs();
        boolean floatInput = graph.inputType() == OnnxJavaType.FLOAT;
        this.blockFloat = floatInput ? new float[FILL_BLOCK * features] : null;
        this.blockDouble = floatInput ? null : new double[FILL_BLOCK * features];
        this.opened = OnnxSessions.open(graph.bytes(), backend, graph.file().toString(), true);
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** Whether this predictor's session runs on the CUDA execution provider. */
    boolean onCuda() {
        return opened.cuda();
    }

    /** The session's intra-op threads. */
    int threads() {
        return opened.threads();
    }

    @Override
    public void predict(double[][] inputs, int fromRow, int toRow, double[] scores) {
        Predictor.checkArguments(model, inputs, fromRow, toRow, scores);
        for (int r = fromRow; r < toRow; r += CHUNK_ROWS) {
            int n = Math.min(CHUNK_ROWS, toRow - r);
            Batch b = batch(n);
            b.fill(inputs, r);
            b.run();
            b.read(r, scores);
        }
    }

    private Batch batch(int rows) {
        if (rows > badRows.length) {
            badRows = new boolean[Math.max(rows, Math.min(CHUNK_ROWS, 2 * badRows.length))];
        }
        try {
            if (rows == CHUNK_ROWS) {
                if (full == null) {
                    full = new Batch(rows);
                }
                return full;
            }
            if (tail == null || tail.rows != rows) {
                if (tail != null) {
                    tail.close();
                    tail = null;
                }
                tail = new Batch(rows);
            }
            return tail;
        } catch (OrtException e) {
            throw new ModelFormatException(graph.file().toString(), null, "onnx runtime: " + OnnxSessions.oneLine(e));
        }
    }

    /** The tensors of one chunk size: input and pinned output over direct buffers. */
    private final class Batch implements AutoCloseable {
        final int rows;
        final FloatBuffer inFloat;
        final DoubleBuffer inDouble;
        final FloatBuffer outFloat;
        final DoubleBuffer outDouble;
        final OnnxTensor in;
        final OnnxTensor out;
        final Map<String, OnnxTensor> inputs;
        final Map<String, OnnxTensor> outputs;

        Batch(int rows) throws OrtException {
            this.rows = rows;
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            long[] inShape = {rows, features};
            long[] outShape = graph.outputRank() == 1 ? new long[] {rows} : new long[] {rows, graph.outputWidth()};
            int outValues = rows * graph.outputWidth();
            if (graph.inputType() == OnnxJavaType.FLOAT) {
                inFloat = direct(rows * features * Float.BYTES).asFloatBuffer();
                inDouble = null;
            } else {
                inFloat = null;
                inDouble = direct(rows * features * Double.BYTES).asDoubleBuffer();
            }
            if (graph.outputType() == OnnxJavaType.FLOAT) {
                outFloat = direct(outValues * Float.BYTES).asFloatBuffer();
                outDouble = null;
            } else {
                outFloat = null;
                outDouble = direct(outValues * Double.BYTES).asDoubleBuffer();
            }
            OnnxTensor i = inFloat != null ? OnnxTensor.createTensor(env, inFloat, inShape)
                    : OnnxTensor.createTensor(env, inDouble, inShape);
            OnnxTensor o;
            try {
                o = outFloat != null ? OnnxTensor.createTensor(env, outFloat, outShape)
                        : OnnxTensor.createTensor(env, outDouble, outShape);
            } catch (OrtException | RuntimeException e) {
                i.close();
                throw e;
            }
            this.in = i;
            this.out = o;
            this.inputs = Map.of(graph.input(), in);
            this.outputs = Map.of(graph.output(), out);
        }

        /**
         * Rows {@code [from, from + rows)} normalised, row-major, into the input buffer; marks bad rows.
         * Blocks of {@link #FILL_BLOCK} rows are transposed into a small heap array (in cache, plain
         * array stores) and copied into the direct buffer in bulk.
         */
        void fill(double[][] columns, int from) {
            boolean[] flags = badRows;
            java.util.Arrays.fill(flags, 0, rows, false);
            for (int r0 = 0; r0 < rows; r0 += FILL_BLOCK) {
                int n = Math.min(rows - r0, FILL_BLOCK);
                for (int f = 0; f < features; f++) {
                    double[] col = columns[f];
                    int base = from + r0;
                    double m = mean[f];
                    double s = std[f];
                    boolean identity = m == 0 && s == 1;
                    for (int r = 0; r < n; r++) {
                        double v = col[base + r];
                        flags[r0 + r] |= !Double.isFinite(v);
                        double x = identity ? v : (v - m) / s;
                        if (blockFloat != null) {
                            blockFloat[r * features + f] = (float) x;
                        } else {
                            blockDouble[r * features + f] = x;
                        }
                    }
                }
                if (inFloat != null) {
                    inFloat.put(r0 * features, blockFloat, 0, n * features);
                } else {
                    inDouble.put(r0 * features, blockDouble, 0, n * features);
                }
            }
        }

        void run() {
            try {
                // the scores are in the pinned output's buffer; the result owns nothing else to free
                OrtSession.Result result = opened.session().run(inputs, outputs);
                result.close();
            } catch (OrtException e) {
                throw new ModelFormatException(graph.file().toString(), null, "onnx runtime failed on " + rows + " rows: "
                        + OnnxSessions.oneLine(e));
            }
        }

        /** Scores of the chunk into {@code scores[from ..]}: the chosen column, NaN for bad rows. */
        void read(int from, double[] scores) {
            boolean[] flags = badRows;
            int width = graph.outputWidth();
            int column = graph.outputColumn();
            for (int r = 0; r < rows; r++) {
                int k = r * width + column;
                double v = outFloat != null ? outFloat.get(k) : outDouble.get(k);
                scores[from + r] = flags[r] ? Double.NaN : v;
            }
        }

        @Override
        public void close() {
            in.close();
            out.close();
        }
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    @Override
    public void close() {
        try {
            if (full != null) {
                full.close();
            }
            if (tail != null) {
                tail.close();
            }
        } finally {
            full = null;
            tail = null;
            opened.close();
        }
    }
}
