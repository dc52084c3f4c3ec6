package io.vectrade.data.csv;

import io.vectrade.data.DataFormatException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every validation rule of {@link BarCsvReader}: the bad file, and the file, line and field named. */
class BarCsvValidationTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.vectrade.data.csv.BadBarFiles#cases")
    void badFileIsRejectedNamingFileLineAndField(String name, String content, int line, String field, String problem)
            throws IOException {
        Path file = Files.writeString(dir.resolve("BAD.csv"), content);
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> BarCsvReader.read(file));
        assertThat(e).as(name).isNotNull();
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(field);
        String prefix = file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : "field '" + field + "': ");
        assertThat(e.getMessage()).startsWith(prefix).contains(problem);
    }
}
