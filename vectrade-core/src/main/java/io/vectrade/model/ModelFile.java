package io.vectrade.model;


import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@code model.json} of a type from another module, with the fields every model has already read
 * and checked by {@link io.vectrade.model.ModelIO}.
 *
 * @param json           the {@code model.json} path (messages name it)
 * @param jsonBytes      its bytes, for the type's own fields
 * @param featureColumns canonical input columns, in input order
 * @param mean           per input; 0 when the file has no {@code normalization}
 * @param std            per input; 1 when the file has no {@code normalization}
 * @param metadata       the {@code metadata} strings, may be empty
 */
public record ModelFile(Path json, byte[] jsonBytes, List<String> featureColumns, double[] mean, double[] std,
                        Map<String, String> metadata) {

    /**
     * The file named by {@code field} of {@code model.json}, beside it.
     *
     * @throws ModelFormatException when {@code name} is not a plain file name
     */
    public Path sibling(String field, String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.equals("..")) {
            throw new ModelFormatException(json.toString(), "field '" + field + "'",
                    "must be a file name in the model directory, value=" + name);
        }
        return json.toAbsolutePath().resolveSibling(name);
    }
}
