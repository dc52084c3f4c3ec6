package io.vectrade.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed test models (made by scripts/make-onnx-test-models.py) as directories: copied out of
 * the class path (a directory or the test jar) into {@code target}.
 */
public final class OnnxTestModels {
    private static final String ROOT = "/io/vectrade/onnx/models/";
    private static final String[] FILES = {"model.json", "model.onnx", "model.safetensors"};

    private OnnxTestModels() {
    }

    /** Copies model {@code name} into {@code target/name} and returns that directory. */
    public static Path copy(String name, Path target) {
        Path dir = target.resolve(name);
        try {
            Files.createDirectories(dir);
            boolean any = false;
            for (String f : FILES) {
                try (InputStream in = OnnxTestModels.class.getResourceAsStream(ROOT + name + "/" + f)) {
                    if (in != null) {
                        Files.write(dir.resolve(f), in.readAllBytes());
                        any = true;
                    }
                }
            }
            if (!any) {
                throw new IllegalArgumentException("no test model " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
