package io.vectrade.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.vectrade.backend.Backend;
import io.vectrade.model.ModelFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * A checked ONNX graph: which input takes the [rows, F] features, in which dtype, and where the
 * score of each row is in which output.
 *
 * @param file         the graph file (messages name it)
 * @param bytes        the graph (not copied: never modified)
 * @param input        the input fed [rows, F]
 * @param inputType    FLOAT or DOUBLE
 * @param features     F
 * @param output       the output read
 * @param outputType   FLOAT or DOUBLE
 * @param outputRank   1 ([rows]) or 2 ([rows, C])
 * @param outputWidth  C (1 for rank 1)
 * @param outputColumn the score's column, in {@code [0, C)}
 */
record OnnxGraph(Path file, byte[] bytes, String input, OnnxJavaType inputType, int features, String output,
                        OnnxJavaType outputType, int outputRank, int outputWidth, int outputColumn) {

    /** Rows of the probe run at load: two, so that a graph that only takes one row fails at load. */
    private static final int PROBE_ROWS = 2;

    /**
     * Opens {@code bytes} in a one-thread CPU session, checks the input and output against what
     * {@code model.json} says ({@code features} inputs; {@code input}, {@code output} and
     * {@code outputColumn} may be null / -1), and runs it once on {@value #PROBE_ROWS} zero rows to
     * learn the output's shape.
     *
     * @throws ModelFormatException one line naming the file and the problem
     */
    static OnnxGraph check(Path file, byte[] bytes, int features, String input, String output, int outputColumn,
                           String jsonName) {
        String name = file.toString();
        try (OnnxSessions.Opened opened = OnnxSessions.open(bytes, Backend.CPU, name, false)) {
            OrtSession s = opened.session();
            Map<String, NodeInfo> inputs = s.getInputInfo();
            Map<String, NodeInfo> outputs = s.getOutputInfo();
            String in = input;
            if (in == null) {
                if (inputs.size() != 1) {
                    throw new ModelFormatException(name, null, "the graph has " + inputs.size() + " inputs " + inputs.keySet()
                            + "; vectrade feeds one [rows, " + features + "] tensor: name it in " + jsonName + " field 'input'");
                }
                in = inputs.keySet().iterator().next();
            } else if (!inputs.containsKey(in)) {
                throw new ModelFormatException(name, "input '" + in + "'", "not in the graph (named by " + jsonName
                        + " field 'input'); inputs: " + inputs.keySet());
            }
            if (inputs.size() != 1) {
                throw new ModelFormatException(name, null, "the graph has " + inputs.size() + " inputs " + inputs.keySet()
                        + "; vectrade feeds only '" + in + "'");
            }
            TensorInfo inInfo = tensor(inputs.get(in).getInfo(), name, "input '" + in + "'");
            OnnxJavaType inType = inInfo.type;
            if (inType != OnnxJavaType.FLOAT && inType != OnnxJavaType.DOUBLE) {
                throw new ModelFormatException(name, "input '" + in + "'", "dtype " + typeName(inType)
                        + "; vectrade feeds float or double");
            }
            long[] shape = inInfo.getShape();
            if (shape.length != 2) {
                throw new ModelFormatException(name, "input '" + in + "'", "shape " + Arrays.toString(shape)
                        + "; vectrade feeds [rows, " + features + "]");
            }
            if (shape[1] >= 0 && shape[1] != features) {
                throw new ModelFormatException(name, "input '" + in + "'", "wrong input width: the graph takes "
                        + shape[1] + " columns, " + jsonName + " names " + features + " features");
            }
            if (shape[0] > 0) {
                throw new ModelFormatException(name, "input '" + in + "'", "fixed batch size " + shape[0]
                        + "; export with a dynamic first axis (torch.onnx dynamic_axes, skl2onnx [None, F])");
            }
            String out = output;
            if (out == null) {
                out = outputs.keySet().iterator().next();
            } else if (!outputs.containsKey(out)) {
                throw new ModelFormatException(name, "output '" + out + "'", "unknown output name (named by " + jsonName
                        + " field 'output'); outputs: " + outputs.keySet());
            }
            ValueInfo outInfo = outputs.get(out).getInfo();
            if (!(outInfo instanceof TensorInfo)) {
                throw new ModelFormatException(name, "output '" + out + "'", "is " + outInfo
                        + ", not a tensor (a ZipMap of probabilities? export with zipmap=False); outputs: " + outputs.keySet());
            }
            OnnxJavaType outType = ((TensorInfo) outInfo).type;
            if (outType != OnnxJavaType.FLOAT && outType != OnnxJavaType.DOUBLE) {
                throw new ModelFormatException(name, "output '" + out + "'", "dtype " + typeName(outType)
                        + "; vectrade reads a float or double score (a label output? choose the probabilities); outputs: "
                        + outputs.keySet());
            }
            long[] probed = probe(s, in, inType, features, out, name);
            if (probed.length == 0 || probed.length > 2 || probed[0] != PROBE_ROWS) {
                throw new ModelFormatException(name, "output '" + out + "'", "shape " + Arrays.toString(probed) + " for "
                        + PROBE_ROWS + " input rows; vectrade reads one score per row: [rows], [rows, 1] or [rows, C]");
            }
            int width = probed.length == 2 ? Math.toIntExact(probed[1]) : 1;
            int column = outputColumn;
            if (column < 0) {
                if (width != 1) {
                    throw new ModelFormatException(jsonName, "field 'output_column'", "missing: output '" + out + "' of "
                            + name + " has " + width + " columns; say which one is the score");
                }
                column = 0;
            } else if (column >= width) {
                throw new ModelFormatException(jsonName, "field 'output_column'", "out of range, output_column=" + column
                        + " but output '" + out + "' of " + name + " has " + width + " columns");
            }
            return new OnnxGraph(file, bytes, in, inType, features, out, outType, probed.length, width, column);
        } catch (OrtException e) {
            throw new ModelFormatException(name, null, "onnx runtime: " + OnnxSessions.oneLine(e));
        }
    }

    private static TensorInfo tensor(ValueInfo info, String name, String what) {
        if (!(info instanceof TensorInfo t)) {
            throw new ModelFormatException(name, what, "is " + info + ", not a tensor");
        }
        return t;
    }

    private static String typeName(OnnxJavaType t) {
        return t.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One run on zero rows; returns the output's shape. */
    private static long[] probe(OrtSession s, String in, OnnxJavaType type, int features, String out, String name)
            throws OrtException {
        int bytesPer = type == OnnxJavaType.FLOAT ? Float.BYTES : Double.BYTES;
        ByteBuffer b = ByteBuffer.allocateDirect(PROBE_ROWS * features * bytesPer).order(ByteOrder.nativeOrder());
        long[] shape = {PROBE_ROWS, features};
        try (OnnxTensor t = type == OnnxJavaType.FLOAT
                ? OnnxTensor.createTensor(ai.onnxruntime.OrtEnvironment.getEnvironment(), b.asFloatBuffer(), shape)
                : OnnxTensor.createTensor(ai.onnxruntime.OrtEnvironment.getEnvironment(), b.asDoubleBuffer(), shape);
             OrtSession.Result r = s.run(Map.of(in, t), Set.of(out))) {
            OnnxValue v = r.get(0);
            if (!(v instanceof OnnxTensor ot)) {
                throw new ModelFormatException(name, "output '" + out + "'", "is not a tensor at run time");
            }
            return ot.getInfo().getShape();
        }
    }

    /** {@code model.onnx: input 'x' float [N, 4] -> 'y' [N, 2] column 1}. */
    String describe() {
        return file.getFileName() + ": input '" + input + "' " + typeName(inputType) + " [N, " + features + "] -> '" + output
                + "' " + typeName(outputType) + (outputRank == 1 ? " [N]" : " [N, " + outputWidth + "]")
                + (outputWidth > 1 ? " column " + outputColumn : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxGraph g && g.file.equals(file) && Arrays.equals(g.bytes, bytes) && g.input.equals(input)
                && g.output.equals(output) && g.outputColumn == outputColumn && g.features == features;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(file, input, output, outputColumn, features, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "OnnxGraph[" + describe() + "]";
    }
}
