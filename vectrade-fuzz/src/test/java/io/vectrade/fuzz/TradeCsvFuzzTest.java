package io.vectrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.vectrade.data.DataFormatException;
import io.vectrade.data.csv.TradeCsvReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;

/** {@link TradeCsvReader#readBars(java.io.Reader, Path, Duration)}: a panel or a {@link DataFormatException}. */
class TradeCsvFuzzTest {
    @FuzzTest
    void readBars(@NotNull String text) throws IOException {
        try {
            TradeCsvReader.readBars(new StringReader(text), Path.of("FUZZ.csv"), Duration.ofMinutes(1));
        } catch (DataFormatException expected) {
            Outcomes.checkMessage(expected);
        }
    }
}
