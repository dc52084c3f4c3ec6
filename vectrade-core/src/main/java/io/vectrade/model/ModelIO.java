package io.vectrade.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vectrade.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model directory format: {@value #MODEL_JSON} (architecture, features, normalisation) plus the
 * safetensors file it names (weights).
 *
 * <pre>
 * {
 *   "format": "vectrade-model", "format_version": 1,
 *   "type": "linear" | "logistic" | "mlp",
 *   "features": ["logret(5)", "zscore(20)", ...],              canonical feature columns, input order
 *   "normalization": {"mean": [...], "std": [...]},             x = (v - mean) / std, per feature
 *   "weights": "model.safetensors",
 *   "layers": [ {"inputs": 3, "outputs": 16, "activation": "relu",
 *                "weight": "layers.0.weight",                    tensor [outputs, inputs] (nn.Linear layout)
 *                "bias": "layers.0.bias"}, ... ],                tensor [outputs]
 *   "metadata": {"key": "value", ...}                            optional
 * }
 * </pre>
 *
 * <p>Loading checks every field and tensor and fails with a {@link ModelFormatException} naming the file
 * and the field or tensor. Stateless and thread-safe.
 *
 * <p>A {@code type} that is not built in (e.g. {@code onnx}) is loaded by the
 * {@link io.vectrade.model.ModelTypeProvider} of that type found on the class path, after the
 * fields every model has ({@code features}, {@code normalization}, here optional, {@code metadata})
 * are read here; without one, loading fails with one line naming the module to add.
 */
public final class ModelIO {
    /** The metadata file of a model directory. */
    public static final String MODEL_JSON = "model.json";
    /** The default weights file of a model directory. */
    public static final String WEIGHTS = "model.safetensors";
    /** Value of the {@code format} field. */
    public static final String FORMAT = "vectrade-model";
    /** The format version this engine writes and the highest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelIO() {
    }

    /**
     * Loads a model directory (or a path to its {@code model.json}).
     *
     * @throws IOException          if a file is missing or unreadable
     * @throws ModelFormatException if a file is invalid
     */
    public static Model load(Path dirOrJson) throws IOException {
        Path json = Files.isDirectory(dirOrJson) ? dirOrJson.resolve(MODEL_JSON) : dirOrJson;
        if (!Files.exists(json)) {
            throw new NoSuchFileException(json.toString(), null, "model metadata not found");
        }
        SafeTensors.requireRegularFile(json, MAX_JSON_BYTES, "model metadata");
        byte[] jsonBytes = Files.readAllBytes(json);
        String typeName = typeName(jsonBytes, json.toString());
        if (!isBuiltIn(typeName)) {
            return loadExternal(json, jsonBytes, typeName);
        }
        String weightsName = weightsName(jsonBytes, json.toString());
        Path weights = json.resolveSibling(weightsName);
        if (!Files.exists(weights)) {
            throw new NoSuchFileException(weights.toString(), null, "model weights not found (named by " + json + ")");
        }
        SafeTensors.requireRegularFile(weights, SafeTensors.MAX_FILE_BYTES, "model weights");
        // the weights are mapped, not read: only the header and the tensors' bytes are touched, after
        // the header has been checked against the file's size
        return decode(jsonBytes, json.toString(), () -> SafeTensors.read(weights), weights.toString());
    }

    /** Largest {@code model.json} accepted. */
    static final long MAX_JSON_BYTES = 16L << 20;

    /** The weights, decoded only once the metadata has been validated. */
    @FunctionalInterface
    private interface WeightsSource {
        SafeTensors.Contents get() throws IOException;
    }

    private static boolean isBuiltIn(String typeName) {
        try {
            ModelType.parse(typeName);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code type} field, after the {@code format} and {@code format_version} checks; lower case. */
    private static String typeName(byte[] jsonBytes, String jsonName) {
        JsonNode root = parseJson(jsonBytes, jsonName);
        checkFormat(root, jsonName);
        return text(required(root, "type", jsonName), "type", jsonName).strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** A model of a type another module provides: the common fields here, the rest by the provider. */
    private static Model loadExternal(Path json, byte[] jsonBytes, String typeName) throws IOException {
        String jsonName = json.toString();
        io.vectrade.model.ModelTypeProvider provider = ModelTypes.provider(typeName);
        if (provider == null) {
            throw new ModelFormatException(jsonName, "field 'type'", ModelTypes.missing(typeName));
        }
        JsonNode root = parseJson(jsonBytes, jsonName);
        List<String> columns = featureColumns(root, jsonName);
        double[] mean = new double[columns.size()];
        double[] std = new double[columns.size()];
        java.util.Arrays.fill(std, 1.0);
        if (root.get("normalization") != null && !root.get("normalization").isNull()) {
            mean = normalization(root, jsonName, columns, "mean");
            std = normalization(root, jsonName, columns, "std");
        }
        return provider.load(new io.vectrade.model.ModelFile(json, jsonBytes, columns, mean, std,
                metadata(root, jsonName)));
    }

    /** The weights file named by a {@code model.json} image ({@value #WEIGHTS} when absent). */
    static String weightsName(byte[] jsonBytes, String jsonName) {
        JsonNode root = parseJson(jsonBytes, jsonName);
        JsonNode w = root.get("weights");
        if (w == null) {
            return WEIGHTS;
        }
        if (!w.isTextual() || w.asText().isBlank() || w.asText().contains("/") || w.asText().contains("\\")) {
            throw new ModelFormatException(jsonName, "field 'weights'", "must be a file name in the model directory, value=" + w);
        }
        return w.asText();
    }

    /**
     * Builds a model from a {@code model.json} image and a safetensors image.
     *
     * @param jsonName    name of the json file for messages
     * @param weightsName name of the weights file for messages
     * @throws ModelFormatException naming the file and the field or tensor at fault
     */
    public static Model decode(byte[] jsonBytes, String jsonName, byte[] weightsBytes, String weightsName) {
        try {
            return decode(jsonBytes, jsonName, () -> SafeTensors.decode(weightsBytes, weightsName), weightsName);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // not reached: decoding bytes does no I/O
        }
    }

    private static Model decode(byte[] jsonBytes, String jsonName, WeightsSource weightsSource, String weightsName)
            throws IOException {
        JsonNode root = parseJson(jsonBytes, jsonName);
        checkFormat(root, jsonName);
        ModelType type;
        try {
            type = ModelType.parse(text(required(root, "type", jsonName), "type", jsonName));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(jsonName, "field 'type'", e.getMessage());
        }
        List<String> columns = featureColumns(root, jsonName);
        double[] mean = normalization(root, jsonName, columns, "mean");
        double[] std = normalization(root, jsonName, columns, "std");
        SafeTensors.Contents weights = weightsSource.get();
        JsonNode layersNode = required(root, "layers", jsonName);
        if (!layersNode.isArray() || layersNode.isEmpty()) {
            throw new ModelFormatException(jsonName, "field 'layers'", "must be a non-empty array");
        }
        List<DenseLayer> layers = new ArrayList<>();
        int width = columns.size();
        for (int l = 0; l < layersNode.size(); l++) {
            String at = "layers[" + l + "]";
            JsonNode ln = layersNode.get(l);
            int in = positiveInt(required(ln, "inputs", jsonName, at + ".inputs"), at + ".inputs", jsonName);
            int out = positiveInt(required(ln, "outputs", jsonName, at + ".outputs"), at + ".outputs", jsonName);
            if (in != width) {
                throw new ModelFormatException(jsonName, "field '" + at + ".inputs'", "does not match the previous width, inputs="
                        + in + " expected=" + width);
            }
            Activation act;
            try {
                act = Activation.parse(text(required(ln, "activation", jsonName, at + ".activation"), at + ".activation", jsonName));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(jsonName, "field '" + at + ".activation'", e.getMessage());
            }
            String wName = text(required(ln, "weight", jsonName, at + ".weight"), at + ".weight", jsonName);
            String bName = text(required(ln, "bias", jsonName, at + ".bias"), at + ".bias", jsonName);
            double[] w = tensor(weights, wName, new long[] {out, in}, l, jsonName, weightsName, at + ".weight");
            double[] b = tensor(weights, bName, new long[] {out}, l, jsonName, weightsName, at + ".bias");
            layers.add(new DenseLayer(in, out, w, b, act));
            width = out;
        }
        Map<String, String> metadata = metadata(root, jsonName);
        try {
            return Model.of(type, columns, mean, std, layers, metadata);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(jsonName, "field 'layers'", e.getMessage());
        }
    }

    private static void checkFormat(JsonNode root, String jsonName) {
        JsonNode format = root.get("format");
        if (format != null && !FORMAT.equals(format.asText())) {
            throw new ModelFormatException(jsonName, "field 'format'", "not a vectrade model, format=" + format.asText()
                    + " expected=" + FORMAT);
        }
        JsonNode version = required(root, "format_version", jsonName);
        if (!version.isInt() || version.asInt() < 1 || version.asInt() > FORMAT_VERSION) {
            throw new ModelFormatException(jsonName, "field 'format_version'", "unsupported version, format_version="
                    + version + "; this engine reads 1.." + FORMAT_VERSION);
        }
    }

    private static List<String> featureColumns(JsonNode root, String jsonName) {
        JsonNode feats = required(root, "features", jsonName);
        if (!feats.isArray() || feats.isEmpty()) {
            throw new ModelFormatException(jsonName, "field 'features'", "must be a non-empty array of feature specs");
        }
        List<String> columns = new ArrayList<>();
        for (int k = 0; k < feats.size(); k++) {
            String f = text(feats.get(k), "features[" + k + "]", jsonName);
            try {
                columns.add(Model.canonicalColumn(f));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(jsonName, "field 'features[" + k + "]'", e.getMessage());
            }
        }
        return columns;
    }

    /** {@code normalization.mean} or {@code normalization.std} (checked &gt; 0). */
    private static double[] normalization(JsonNode root, String jsonName, List<String> columns, String key) {
        JsonNode norm = required(root, "normalization", jsonName);
        String path = "normalization." + key;
        double[] v = numbers(required(norm, key, jsonName, path), path, jsonName, columns.size());
        if (key.equals("std")) {
            for (int k = 0; k < v.length; k++) {
                if (!(v[k] > 0)) {
                    throw new ModelFormatException(jsonName, "field 'normalization.std[" + k + "]'", "must be > 0, std="
                            + v[k] + " feature=" + columns.get(k));
                }
            }
        }
        return v;
    }

    private static Map<String, String> metadata(JsonNode root, String jsonName) {
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode md = root.get("metadata");
        if (md != null) {
            if (!md.isObject()) {
                throw new ModelFormatException(jsonName, "field 'metadata'", "must be an object");
            }
            for (Map.Entry<String, JsonNode> e : md.properties()) {
                metadata.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        }
        return metadata;
    }

    private static double[] tensor(SafeTensors.Contents weights, String name, long[] shape, int layer,
                                   String jsonName, String weightsName, String field) {
        SafeTensors.Tensor t = weights.tensors().get(name);
        if (t == null) {
            throw new ModelFormatException(weightsName, "tensor '" + name + "'", "missing (named by " + jsonName + " "
                    + field + "); tensors in file: " + weights.tensors().keySet());
        }
        long[] got = t.shape();
        boolean ok = java.util.Arrays.equals(got, shape);
        // a bias may also come as [outputs, 1] or [1, outputs]
        if (!ok && shape.length == 1 && got.length == 2 && got[0] * got[1] == shape[0] && (got[0] == 1 || got[1] == 1)) {
            ok = true;
        }
        if (!ok) {
            throw new ModelFormatException(weightsName, "tensor '" + name + "'", "shape " + t.shapeText()
                    + " does not match layer " + layer + " of " + jsonName + ", expected " + java.util.Arrays.toString(shape));
        }
        double[] d = t.data();
        for (int k = 0; k < d.length; k++) {
            if (!Double.isFinite(d[k])) {
                throw new ModelFormatException(weightsName, "tensor '" + name + "'", "non-finite value, index=" + k
                        + " value=" + d[k]);
            }
        }
        return d;
    }

    /**
     * Writes a model directory: {@value #WEIGHTS} (tensors in {@code dtype}) and {@value #MODEL_JSON}, each
     * atomically.
     */
    public static void save(Model model, Path dir, SafeTensors.DType dtype) throws IOException {
        if (!model.type().builtIn()) {
            throw new IllegalArgumentException("a " + model.typeId() + " model is saved by copying its directory;"
                    + " ModelIO writes linear, logistic and mlp models");
        }
        Files.createDirectories(dir);
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (int l = 0; l < model.layers().size(); l++) {
            DenseLayer d = model.layers().get(l);
            tensors.put("layers." + l + ".weight", new SafeTensors.Tensor(dtype, new long[] {d.outputs(), d.inputs()}, d.weights()));
            tensors.put("layers." + l + ".bias", new SafeTensors.Tensor(dtype, new long[] {d.outputs()}, d.bias()));
        }
        SafeTensors.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
        byte[] json = encodeJson(model);
        AtomicFiles.writeBytes(dir.resolve(MODEL_JSON), out -> out.write(json));
    }

    /** The {@code model.json} image of {@code model} (tensor names {@code layers.<l>.weight|bias}). */
    public static byte[] encodeJson(Model model) {
        if (!model.type().builtIn()) {
            throw new IllegalArgumentException("ModelIO encodes linear, logistic and mlp models, type=" + model.typeId());
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("type", model.type().id());
        ArrayNode f = root.putArray("features");
        model.featureColumns().forEach(f::add);
        ObjectNode norm = root.putObject("normalization");
        ArrayNode mean = norm.putArray("mean");
        for (double v : model.meanArray()) {
            mean.add(v);
        }
        ArrayNode std = norm.putArray("std");
        for (double v : model.stdArray()) {
            std.add(v);
        }
        root.put("weights", WEIGHTS);
        ArrayNode layers = root.putArray("layers");
        for (int l = 0; l < model.layers().size(); l++) {
            DenseLayer d = model.layers().get(l);
            ObjectNode o = layers.addObject();
            o.put("inputs", d.inputs());
            o.put("outputs", d.outputs());
            o.put("activation", d.activation().id());
            o.put("weight", "layers." + l + ".weight");
            o.put("bias", "layers." + l + ".bias");
        }
        if (!model.metadata().isEmpty()) {
            ObjectNode md = root.putObject("metadata");
            new java.util.TreeMap<>(model.metadata()).forEach(md::put);
        }
        try {
            byte[] b = JSON.writeValueAsBytes(root);
            byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
            out[b.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode model.json", e);
        }
    }

    private static JsonNode parseJson(byte[] bytes, String name) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ModelFormatException(name, null, "not valid json: " + msg, e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(name, null, "must be a json object");
        }
        return root;
    }

    private static JsonNode required(JsonNode parent, String key, String file) {
        return required(parent, key, file, key);
    }

    private static JsonNode required(JsonNode parent, String key, String file, String path) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            throw new ModelFormatException(file, "field '" + path + "'", "missing");
        }
        return n;
    }

    private static String text(JsonNode n, String path, String file) {
        if (n == null || !n.isTextual()) {
            throw new ModelFormatException(file, "field '" + path + "'", "must be a string, value=" + n);
        }
        return n.asText();
    }

    private static int positiveInt(JsonNode n, String path, String file) {
        if (!n.isInt() || n.asInt() <= 0) {
            throw new ModelFormatException(file, "field '" + path + "'", "must be a positive integer, value=" + n);
        }
        return n.asInt();
    }

    private static double[] numbers(JsonNode n, String path, String file, int expected) {
        if (!n.isArray()) {
            throw new ModelFormatException(file, "field '" + path + "'", "must be an array of numbers");
        }
        if (n.size() != expected) {
            throw new ModelFormatException(file, "field '" + path + "'", "must have one value per feature, length="
                    + n.size() + " features=" + expected);
        }
        double[] out = new double[expected];
        for (int k = 0; k < expected; k++) {
            JsonNode v = n.get(k);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new ModelFormatException(file, "field '" + path + "[" + k + "]'", "must be a finite number, value=" + v);
            }
            out[k] = v.asDouble();
        }
        return out;
    }
}
