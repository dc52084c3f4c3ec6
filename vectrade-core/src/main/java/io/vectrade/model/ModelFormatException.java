package io.vectrade.model;

/**
 * A model file that cannot be used: names the file and the field or tensor at fault, e.g.
 * {@code model.safetensors: tensor 'layers.0.weight': shape [64, 3] does not match layer 0, expected [64, 4]}.
 * An {@link IllegalArgumentException}, so the command line reports it as bad input (exit code 2).
 */
public final class ModelFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String field;

    public ModelFormatException(String file, String field, String problem) {
        super(file + ": " + (field == null ? "" : field + ": ") + problem);
        this.file = file;
        this.field = field;
    }

    public ModelFormatException(String file, String field, String problem, Throwable cause) {
        this(file, field, problem);
        initCause(cause);
    }

    /** The file, as given. */
    public String file() {
        return file;
    }

    /** The field or tensor at fault ({@code tensor 'name'}, {@code field 'layers[0].weight'}), or null. */
    public String field() {
        return field;
    }
}
