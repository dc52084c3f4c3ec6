package io.vectrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.vectrade.data.DataFormatException;
import io.vectrade.data.Panel;
import io.vectrade.data.csv.BarCsvReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

/** {@link BarCsvReader#read(java.io.Reader, Path)}: a panel or a {@link DataFormatException}. */
class BarCsvFuzzTest {
    @FuzzTest
    void read(@NotNull String text) throws IOException {
        Panel p;
        try {
            p = BarCsvReader.read(new StringReader(text), Path.of("FUZZ.csv"));
        } catch (DataFormatException expected) {
            Outcomes.checkMessage(expected);
            return;
        }
        if (p.instruments() < 1 || p.bars() < 1) {
            throw new AssertionError("an empty panel was accepted: " + p.instruments() + "x" + p.bars());
        }
    }
}
