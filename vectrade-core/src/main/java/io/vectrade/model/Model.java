package io.vectrade.model;

import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable model description: its input feature columns, their normalisation and a stack of
 * {@link DenseLayer}s ending in one output. Scores come from a {@link Predictor} made by
 * {@link #predictor(Backend)}.
 *
 * <p>For a row with inputs {@code v[f]} (feature column {@code f} at one (bar, instrument)) the score is
 * {@code layers(x)} with {@code x[f] = (v[f] - mean[f]) / std[f]}. A row with any NaN or infinite
 * input scores NaN.
 *
 * <p>Input columns are canonical feature column names ({@code rsi(14)}, {@code macd(12,26,9).hist});
 * they are validated with {@link FeatureSpec#parse} and canonicalised on construction.
 *
 * <p>An {@link ModelType#EXTERNAL} model ({@link #external}) has no layers: after the same
 * normalisation its rows are scored by a {@link ModelRuntime} from another module (ONNX Runtime in
 * vectrade-onnx); {@link #predictor} then asks that runtime. Immutable and thread-safe.
 */
public final class Model {
    private final ModelType type;
    private final List<String> featureColumns;
    private final double[] mean;
    private final double[] std;
    private final List<DenseLayer> layers;
    private final Map<String, String> metadata;
    /** Null for the built-in families. */
    private final ModelRuntime runtime;

    private Model(ModelType type, List<String> featureColumns, double[] mean, double[] std,
                  List<DenseLayer> layers, Map<String, String> metadata, ModelRuntime runtime) {
        this.type = type;
        this.featureColumns = featureColumns;
        this.mean = mean;
        this.std = std;
        this.layers = layers;
        this.metadata = metadata;
        this.runtime = runtime;
    }

    /**
     * Builds and validates a model.
     *
     * @param featureColumns input columns, e.g. {@code ["logret(5)", "rsi(14)"]}
     * @param mean           per input, finite
     * @param std            per input, finite and &gt; 0
     * @param layers         consecutive sizes must chain; the first takes {@code featureColumns.size()}
     *                       inputs, the last has one output
     * @param metadata       free-form strings kept with the model (provenance, metrics), may be empty
     * @throws IllegalArgumentException naming the field at fault
     */
    public static Model of(ModelType type, List<String> featureColumns, double[] mean, double[] std,
                           List<DenseLayer> layers, Map<String, String> metadata) {
        Objects.requireNonNull(type, "type");
        if (!type.builtIn()) {
            throw new IllegalArgumentException("an external model is made by Model.external with its runtime, type=" + type.id());
        }
        List<String> canon = checkInputs(featureColumns, mean, std);
        int f = canon.size();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        int width = f;
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer d = layers.get(l);
            if (d.inputs() != width) {
                throw new IllegalArgumentException("layer inputs do not match previous width, layer=" + l
                        + " inputs=" + d.inputs() + " expected=" + width);
            }
            width = d.outputs();
        }
        if (width != 1) {
            throw new IllegalArgumentException("the last layer must have one output, outputs=" + width);
        }
        if (type != ModelType.MLP) {
            Activation want = type == ModelType.LINEAR ? Activation.IDENTITY : Activation.SIGMOID;
            if (layers.size() != 1 || layers.get(0).activation() != want) {
                throw new IllegalArgumentException(type.id() + " model must be one layer with activation "
                        + want.id() + ", layers=" + layers);
            }
        }
        return new Model(type, List.copyOf(canon), mean.clone(), std.clone(), List.copyOf(layers),
                Map.copyOf(metadata), null);
    }

    /**
     * An {@link ModelType#EXTERNAL} model: the same inputs and normalisation as a built-in one, scored
     * by {@code runtime} (which has checked that its graph takes {@code featureColumns.size()} inputs).
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    public static Model external(ModelRuntime runtime, List<String> featureColumns, double[] mean, double[] std,
                                 Map<String, String> metadata) {
        Objects.requireNonNull(runtime, "runtime");
        List<String> canon = checkInputs(featureColumns, mean, std);
        return new Model(ModelType.EXTERNAL, List.copyOf(canon), mean.clone(), std.clone(), List.of(),
                Map.copyOf(metadata), runtime);
    }

    /** Canonical input columns, after checking them and one finite mean and positive std per column. */
    private static List<String> checkInputs(List<String> featureColumns, double[] mean, double[] std) {
        int f = featureColumns.size();
        if (f == 0) {
            throw new IllegalArgumentException("a model needs at least one feature");
        }
        List<String> canon = new ArrayList<>(f);
        for (String c : featureColumns) {
            canon.add(canonicalColumn(c));
        }
        if (new LinkedHashSet<>(canon).size() != f) {
            throw new IllegalArgumentException("duplicate feature column, features=" + canon);
        }
        if (mean.length != f || std.length != f) {
            throw new IllegalArgumentException("normalization must have one mean and std per feature, features=" + f
                    + " mean=" + mean.length + " std=" + std.length);
        }
        for (int k = 0; k < f; k++) {
            if (!Double.isFinite(mean[k])) {
                throw new IllegalArgumentException("normalization mean must be finite, feature=" + canon.get(k)
                        + " mean=" + mean[k]);
            }
            if (!(std[k] > 0) || !Double.isFinite(std[k])) {
                throw new IllegalArgumentException("normalization std must be finite and > 0, feature=" + canon.get(k)
                        + " std=" + std[k]);
            }
        }
        return canon;
    }

    /** A linear model {@code score = b + Σ w[f] (v[f] - mean[f]) / std[f]}. */
    public static Model linear(List<String> featureColumns, double[] mean, double[] std, double[] w, double b) {
        return of(ModelType.LINEAR, featureColumns, mean, std,
                List.of(new DenseLayer(w.length, 1, w, new double[] {b}, Activation.IDENTITY)), Map.of());
    }

    /** A logistic model {@code score = sigmoid(b + Σ w[f] (v[f] - mean[f]) / std[f])}. */
    public static Model logistic(List<String> featureColumns, double[] mean, double[] std, double[] w, double b) {
        return of(ModelType.LOGISTIC, featureColumns, mean, std,
                List.of(new DenseLayer(w.length, 1, w, new double[] {b}, Activation.SIGMOID)), Map.of());
    }

    /**
     * Canonicalises one input column name: {@code spec} or {@code spec.part}, the spec parsed by
     * {@link FeatureSpec#parse} ({@code rsi} becomes {@code rsi(14)}).
     *
     * @throws IllegalArgumentException for an unknown feature, bad parameters or an unknown part
     */
    public static String canonicalColumn(String column) {
        String s = column.strip();
        int close = s.lastIndexOf(')');
        int dot = close >= 0 ? s.indexOf('.', close) : s.indexOf('.');
        String spec = dot >= 0 ? s.substring(0, dot) : s;
        String part = dot >= 0 ? s.substring(dot + 1) : null;
        FeatureSpec fs = FeatureSpec.parse(spec);
        List<String> names = fs.columnNames();
        String out = part == null ? fs.canonical() : fs.canonical() + "." + part;
        if (!names.contains(out)) {
            throw new IllegalArgumentException("unknown feature column, column=" + column + "; columns of "
                    + fs.canonical() + ": " + names);
        }
        return out;
    }

    public ModelType type() {
        return type;
    }

    /** The type id of {@code model.json}: {@code linear}, {@code logistic}, {@code mlp} or the runtime's ({@code onnx}). */
    public String typeId() {
        return runtime == null ? type.id() : runtime.type();
    }

    /** The runtime that scores an {@link ModelType#EXTERNAL} model; null for the built-in families. */
    public ModelRuntime runtime() {
        return runtime;
    }

    /** Input column names in input order (canonical). */
    public List<String> featureColumns() {
        return featureColumns;
    }

    /** Number of inputs F. */
    public int inputs() {
        return featureColumns.size();
    }

    /** The features the engine must compute for this model (specs of the input columns, in order). */
    public FeatureSet featureSet() {
        List<FeatureSpec> specs = new ArrayList<>();
        for (String c : featureColumns) {
            int close = c.lastIndexOf(')');
            int dot = close >= 0 ? c.indexOf('.', close) : c.indexOf('.');
            specs.add(FeatureSpec.parse(dot >= 0 ? c.substring(0, dot) : c));
        }
        return FeatureSet.of(specs);
    }

    /**
     * The model's input columns taken from {@code table}, in input order (references, no copy). Call once per
     * table and reuse: the array is small but new on each call.
     *
     * @throws IllegalArgumentException if the table lacks a column
     */
    public double[][] inputColumns(FeatureTable table) {
        double[][] in = new double[featureColumns.size()][];
        for (int f = 0; f < in.length; f++) {
            int c = table.features().columnIndex(featureColumns.get(f));
            if (c < 0) {
                throw new IllegalArgumentException("feature table lacks a model input, column=" + featureColumns.get(f)
                        + " table=" + table.features().columnNames());
            }
            in[f] = table.column(c);
        }
        return in;
    }

    /** A copy of the normalisation means. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the normalisation standard deviations. */
    public double[] std() {
        return std.clone();
    }

    double[] meanArray() {
        return mean;
    }

    double[] stdArray() {
        return std;
    }

    /** The dense layers; empty for an external model. */
    public List<DenseLayer> layers() {
        return layers;
    }

    /** The widest activation vector (inputs included). */
    public int maxWidth() {
        int w = inputs();
        for (DenseLayer d : layers) {
            w = Math.max(w, d.outputs());
        }
        return w;
    }

    /** Free-form provenance strings (e.g. how the model was trained). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** A copy of this model with {@code metadata} replaced. */
    public Model withMetadata(Map<String, String> newMetadata) {
        return new Model(type, featureColumns, mean, std, layers, Map.copyOf(newMetadata), runtime);
    }

    /**
     * A new predictor on {@code backend} ({@code cpu} or {@code simd}; {@code auto} means simd). An
     * external model's predictor comes from its {@link ModelRuntime}, on every backend cuda included.
     *
     * @throws IllegalArgumentException for {@code cuda} and a built-in model: on the GPU it runs inside the
     *                                  device pipeline ({@code TradingPipeline} or {@code LiveEngine} on cuda)
     */
    public Predictor predictor(Backend backend) {
        return predictor(backend, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A new predictor on {@code backend} that splits large calls over at most {@code threads} threads
     * (the caller included; for a caller that already runs one predictor per core, such as a Spark
     * task); {@code 1} runs every call on the calling thread and starts no worker. The scores do not
     * depend on {@code threads}. The cpu predictor always runs on the caller. An
     * external model's predictor comes from its {@link ModelRuntime}, which sets its own threads.
     *
     * @throws IllegalArgumentException for {@code cuda} and a built-in model (see {@link #predictor(Backend)}),
     *                                  or threads &lt; 1
     */
    public Predictor predictor(Backend backend, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, threads=" + threads);
        }
        if (runtime != null) {
            return runtime.predictor(this, backend);
        }
        return switch (backend) {
            case CPU -> new CpuPredictor(this);
            case SIMD, AUTO -> new SimdPredictor(this, threads);
            case CUDA -> throw new IllegalArgumentException("a host predictor is cpu or simd; on cuda the model runs inside"
                    + " the device pipeline (TradingPipeline or LiveEngine on cuda), backend=cuda");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Model m && m.type == type && m.featureColumns.equals(featureColumns)
                && java.util.Arrays.equals(m.mean, mean) && java.util.Arrays.equals(m.std, std)
                && m.layers.equals(layers) && Objects.equals(m.runtime, runtime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, featureColumns, layers, runtime);
    }

    @Override
    public String toString() {
        if (runtime != null) {
            return "Model[" + runtime.type() + " " + inputs() + " inputs, " + runtime.describe() + ", features="
                    + featureColumns + "]";
        }
        StringBuilder b = new StringBuilder("Model[").append(type.id()).append(' ').append(inputs());
        for (DenseLayer d : layers) {
            b.append("->").append(d.outputs()).append(' ').append(d.activation().id());
        }
        return b.append(", features=").append(featureColumns).append(']').toString();
    }
}
