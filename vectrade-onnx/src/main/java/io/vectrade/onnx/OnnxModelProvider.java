package io.vectrade.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vectrade.model.Model;
import io.vectrade.model.ModelFormatException;
import io.vectrade.model.ModelFile;
import io.vectrade.model.ModelTypeProvider;
import io.vectrade.onnx.trees.TreeEnsembleReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The model type {@code onnx}. Its own fields of {@code model.json}:
 *
 * <pre>
 *   "type": "onnx",
 *   "graph": "model.onnx",        the graph file beside model.json (default model.onnx)
 *   "input": "x",                 the graph input fed [rows, F] (optional when the graph has one input)
 *   "output": "probabilities",    the graph output read (optional: the first output)
 *   "output_column": 1            which column of a [rows, C] output is the score (needed when C &gt; 1)
 *   "tree_fast_path": false       score a TreeEnsembleRegressor through ONNX Runtime, not vectrade's fast
 *                                 path (default true; the two give the same bits)
 * </pre>
 *
 * The graph is checked at load ({@link OnnxGraph#check}): a missing file, a corrupt graph, a wrong
 * input width, an unknown output, a dtype vectrade cannot feed or read are one line naming the file.
 * Stateless and thread-safe.
 */
public final class OnnxModelProvider implements ModelTypeProvider {
    /** The type id. */
    public static final String TYPE = "onnx";
    /** The graph file when {@code model.json} names none. */
    public static final String DEFAULT_GRAPH = "model.onnx";

    private static final JsonMapper JSON = new JsonMapper();

    /** Used by {@link java.util.ServiceLoader}. */
    public OnnxModelProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Model load(ModelFile file) throws IOException {
        String jsonName = file.json().toString();
        JsonNode root = JSON.readTree(file.jsonBytes());
        String graphName = optionalText(root, "graph", jsonName);
        Path graph = file.sibling("graph", graphName == null ? DEFAULT_GRAPH : graphName);
        if (!Files.exists(graph)) {
            throw new NoSuchFileException(graph.toString(), null, "onnx graph not found (named by " + jsonName + ")");
        }
        JsonNode column = root.get("output_column");
        if (column != null && (!column.isInt() || column.asInt() < 0)) {
            throw new ModelFormatException(jsonName, "field 'output_column'", "must be an integer >= 0, value=" + column);
        }
        JsonNode fast = root.get("tree_fast_path");
        if (fast != null && !fast.isBoolean()) {
            throw new ModelFormatException(jsonName, "field 'tree_fast_path'", "must be true or false, value=" + fast);
        }
        OnnxGraph g = OnnxGraph.check(graph, Files.readAllBytes(graph), file.featureColumns().size(),
                optionalText(root, "input", jsonName), optionalText(root, "output", jsonName),
                column == null ? -1 : column.asInt(), jsonName);
        TreeEnsembleReader.Result trees = TreeEnsembleReader.read(g.bytes(), g.input(),
                g.inputType() == ai.onnxruntime.OnnxJavaType.FLOAT, g.output(), g.features());
        if (fast != null && !fast.asBoolean() && trees instanceof TreeEnsembleReader.Supported) {
            trees = new TreeEnsembleReader.Unsupported("off in model.json (tree_fast_path: false)", true);
        }
        return Model.external(new OnnxRuntimeModel(g, trees), file.featureColumns(), file.mean(), file.std(),
                file.metadata());
    }

    private static String optionalText(JsonNode root, String key, String jsonName) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new ModelFormatException(jsonName, "field '" + key + "'", "must be a non-empty string, value=" + n);
        }
        return n.asText();
    }
}
