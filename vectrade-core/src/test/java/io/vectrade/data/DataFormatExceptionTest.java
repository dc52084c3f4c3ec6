package io.vectrade.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DataFormatExceptionTest {

    @Test
    void namesFileLineFieldAndProblem() {
        assertThat(new DataFormatException(Path.of("bars.csv"), 17, "high", "high < low, high=9.5 low=10.0"))
                .hasMessage("bars.csv:17: field 'high': high < low, high=9.5 low=10.0");
        assertThat(new DataFormatException(null, 0, null, "empty file")).hasMessage("<input>: empty file");
    }

    /** Found by BarCsvFuzzTest: a header of 1,000 characters was quoted whole in the message. */
    @Test
    void aLongFieldOrProblemIsCutSayingHowMuch() {
        String header = "a,".repeat(500);
        DataFormatException e = new DataFormatException(Path.of("f.csv"), 1, "x".repeat(100),
                "missing header column; the header is " + header);
        assertThat(e.getMessage()).startsWith("f.csv:1: field '" + "x".repeat(80) + "... (20 more chars)': missing header")
                .endsWith("... (" + ("missing header column; the header is ".length() + 1000 - 600) + " more chars)")
                .hasSizeLessThan(800);
        assertThat(e.field()).hasSize(100);
    }
}
