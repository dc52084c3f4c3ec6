package io.vectrade.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Loading by name, the shipped default model and the deterministic benchmark MLP. Thread-safe. */
public final class Models {
    /** The name that selects the model shipped in the jar. */
    public static final String DEFAULT = "default";
    private static final String RESOURCE_DIR = "/io/vectrade/model/default/";

    private Models() {
    }

    /**
     * Loads {@code "default"} (the model shipped as a resource) or a model directory / {@code model.json}
     * path, optionally with its type in front: {@code onnx:DIR} loads {@code DIR} and fails unless its
     * {@code model.json} is of type {@code onnx}.
     *
     * @throws IOException          if the files are missing or unreadable
     * @throws ModelFormatException if they are invalid or of another type than the prefix names
     */
    public static Model load(String dirOrDefault) throws IOException {
        String s = dirOrDefault.strip();
        if (DEFAULT.equals(s)) {
            return defaultModel();
        }
        java.util.regex.Matcher m = TYPED.matcher(s);
        if (m.matches()) {
            String type = m.group(1).toLowerCase(java.util.Locale.ROOT);
            Model model = ModelIO.load(Path.of(m.group(2)));
            if (!model.typeId().equals(type)) {
                throw new ModelFormatException(m.group(2), "field 'type'", "the model is of type " + model.typeId()
                        + ", not " + type + " as '" + type + ":' asks");
            }
            return model;
        }
        return ModelIO.load(Path.of(s));
    }

    /** {@code type:path}; two letters at least, so that a Windows drive ({@code C:}) is a path. */
    private static final java.util.regex.Pattern TYPED = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9_-]+):(.+)");

    /** The model shipped in the jar ({@code src/main/resources/io/vectrade/model/default}; see docs/models.md). */
    public static Model defaultModel() {
        byte[] json = resource(ModelIO.MODEL_JSON);
        String weightsName = ModelIO.weightsName(json, "default/" + ModelIO.MODEL_JSON);
        return ModelIO.decode(json, "default/" + ModelIO.MODEL_JSON, resource(weightsName), "default/" + weightsName);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Models.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("default model resource missing, resource=" + RESOURCE_DIR + name));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The benchmark MLP {@code F → 64 → 64 → 1} (relu, relu, identity) with seeded weights
     * (uniform ±sqrt(6 / fan-in), He-style; bias uniform ±0.1) and identity normalisation (mean 0, std 1).
     * Same {@code featureColumns} and {@code seed} → the same model.
     */
    public static Model benchmarkMlp(List<String> featureColumns, long seed) {
        return mlp(featureColumns, new int[] {64, 64, 1},
                new Activation[] {Activation.RELU, Activation.RELU, Activation.IDENTITY}, seed);
    }

    /** A seeded MLP of the given widths and activations (see {@link #benchmarkMlp}). */
    public static Model mlp(List<String> featureColumns, int[] widths, Activation[] activations, long seed) {
        if (widths.length != activations.length || widths.length == 0) {
            throw new IllegalArgumentException("one activation per layer, layers=" + widths.length
                    + " activations=" + activations.length);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int f = featureColumns.size();
        List<DenseLayer> layers = new ArrayList<>();
        int in = f;
        for (int l = 0; l < widths.length; l++) {
            int out = widths[l];
            double limit = Math.sqrt(6.0 / in);
            double[] w = new double[in * out];
            for (int k = 0; k < w.length; k++) {
                w[k] = rnd.nextDouble(-limit, limit);
            }
            double[] b = new double[out];
            for (int k = 0; k < out; k++) {
                b[k] = rnd.nextDouble(-0.1, 0.1);
            }
            layers.add(new DenseLayer(in, out, w, b, activations[l]));
            in = out;
        }
        double[] mean = new double[f];
        double[] std = new double[f];
        java.util.Arrays.fill(std, 1.0);
        return Model.of(ModelType.MLP, featureColumns, mean, std, layers,
                Map.of("origin", "Models.mlp seed=" + seed));
    }
}
