package io.vectrade.model;


import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The model types other modules provide, found once with {@link ServiceLoader}, and the module that
 * brings each type vectrade knows of, for the message when it is missing. Thread-safe.
 */
final class ModelTypes {
    /** Type id → the module that provides it (for the one-line message when it is not on the class path). */
    private static final Map<String, String> KNOWN_MODULES = Map.of("onnx", "vectrade-onnx (io.vectrade:vectrade-onnx)");

    private static volatile Map<String, ModelTypeProvider> providers;

    private ModelTypes() {
    }

    /** The provider of {@code type} (lower case), or null when none is on the class or module path. */
    static ModelTypeProvider provider(String type) {
        return providers().get(type);
    }

    /** Why {@code type} cannot be loaded here: the module to add, or the types this engine knows. */
    static String missing(String type) {
        String module = KNOWN_MODULES.get(type);
        if (module != null) {
            return "model type '" + type + "' needs the module " + module + " on the class path";
        }
        StringBuilder valid = new StringBuilder("linear, logistic, mlp");
        for (String t : new java.util.TreeSet<>(providers().keySet())) {
            valid.append(", ").append(t);
        }
        return "unknown model type, type=" + type + "; valid: " + valid;
    }

    private static Map<String, ModelTypeProvider> providers() {
        Map<String, ModelTypeProvider> p = providers;
        if (p == null) {
            Map<String, ModelTypeProvider> found = new HashMap<>();
            for (ModelTypeProvider provider : ServiceLoader.load(ModelTypeProvider.class, ModelTypes.class.getClassLoader())) {
                found.putIfAbsent(provider.type().toLowerCase(Locale.ROOT), provider);
            }
            p = Map.copyOf(found);
            providers = p;
        }
        return p;
    }
}
