package io.vectrade.data;

import io.vectrade.io.Messages;

import java.nio.file.Path;

/**
 * Bad market data: names the file, the 1-based line and the field at fault, e.g.
 * {@code bars.csv:17: field 'high': high < low, high=9.5 low=10.0}. The message stays one readable
 * line whatever the input: a field name over {@value #MAX_FIELD_CHARS} characters and a problem over
 * {@value #MAX_PROBLEM_CHARS} (one that quotes a whole header, say) are cut, saying how much was cut.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The longest field name a message shows. */
    public static final int MAX_FIELD_CHARS = 80;
    /** The longest problem text a message shows. */
    public static final int MAX_PROBLEM_CHARS = 600;

    private final String file;
    private final long line;
    private final String field;

    public DataFormatException(Path file, long line, String field, String problem) {
        super(message(file, line, field, problem));
        this.file = file == null ? "<input>" : file.toString();
        this.line = line;
        this.field = field;
    }

    private static String message(Path file, long line, String field, String problem) {
        StringBuilder b = new StringBuilder(file == null ? "<input>" : file.toString());
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (field != null) {
            b.append("field '").append(Messages.cut(field, MAX_FIELD_CHARS)).append("': ");
        }
        return b.append(Messages.cut(problem, MAX_PROBLEM_CHARS)).toString();
    }


    /** The file, as given. */
    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is not on one line (an empty file). */
    public long line() {
        return line;
    }

    /** The column name at fault, or null. */
    public String field() {
        return field;
    }
}
