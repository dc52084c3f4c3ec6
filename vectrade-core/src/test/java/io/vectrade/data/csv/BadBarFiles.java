package io.vectrade.data.csv;

import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/**
 * One bad bar file per validation rule, shared by the reader test and the CLI test:
 * (case name, file content, expected 1-based line or 0, expected field or null, expected problem fragment).
 */
public final class BadBarFiles {
    private static final String H = "date,open,high,low,close,volume\n";
    private static final String OK = "2013-01-02,10,11,9,10.5,1000\n";
    private static final String L = "symbol,timestamp,open,high,low,close,volume\n";

    private BadBarFiles() {
    }

    public static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty file", "", 0, null, "empty file, expected a header line"),
                Arguments.of("header only", H, 0, null, "no bars after the header line"),
                Arguments.of("header and blank lines only", H + "\n  \n", 0, null, "no bars after the header line"),
                Arguments.of("misspelt close (extra columns are ignored, a missing one is named)", "date,open,high,low,clsoe,volume\n"
                        + "2013-01-02,10,11,9,10.5,1000\n", 1, "close", "missing header column"),
                Arguments.of("missing header column", "date,open,high,low,close\n2013-01-02,10,11,9,10.5\n",
                        1, "volume", "missing header column"),
                Arguments.of("missing time column", "open,high,low,close,volume\n10,11,9,10.5,1000\n",
                        1, "timestamp", "missing header column"),
                Arguments.of("duplicate header column", "date,open,high,low,close,volume,Open\n",
                        1, "Open", "duplicate header column"),
                Arguments.of("too few columns", H + OK + "2013-01-03,10,11,9,10.5\n", 3, null,
                        "wrong column count, columns=5 expected=6"),
                Arguments.of("too many columns", H + OK + "2013-01-03,10,11,9,10.5,1000,7\n", 3, null,
                        "wrong column count, columns=7 expected=6"),
                Arguments.of("unparsable number", H + "2013-01-02,10,11,9,abc,1000\n", 2, "close",
                        "not a number, value='abc'"),
                Arguments.of("java suffix is not a number", H + "2013-01-02,10d,11,9,10.5,1000\n", 2, "open",
                        "not a number, value='10d'"),
                Arguments.of("empty number", H + "2013-01-02,10,,9,10.5,1000\n", 2, "high", "empty value"),
                Arguments.of("unparsable timestamp", H + OK + "2013-13-45,10,11,9,10.5,1000\n", 3, "date",
                        "unparsable timestamp, value='2013-13-45'"),
                Arguments.of("unsorted timestamps", H + OK + "2013-01-01,10,11,9,10.5,1000\n", 3, "date",
                        "timestamps not increasing, timestamp=2013-01-01T00:00:00Z previous=2013-01-02T00:00:00Z"),
                Arguments.of("duplicate timestamp", H + OK + OK, 3, "date",
                        "duplicate timestamp, timestamp=2013-01-02T00:00:00Z"),
                Arguments.of("zero price", H + "2013-01-02,0,11,9,10.5,1000\n", 2, "open",
                        "price must be finite and positive, value=0.0"),
                Arguments.of("negative price", H + "2013-01-02,10,11,-9,10.5,1000\n", 2, "low",
                        "price must be finite and positive, value=-9.0"),
                Arguments.of("nan price", H + "2013-01-02,10,11,9,NaN,1000\n", 2, "close",
                        "price must be finite and positive, value=NaN"),
                Arguments.of("infinite price", H + "2013-01-02,10,Infinity,9,10.5,1000\n", 2, "high",
                        "price must be finite and positive, value=Infinity"),
                Arguments.of("high below low", H + "2013-01-02,10,9,11,10.5,1000\n", 2, "high",
                        "high < low, high=9.0 low=11.0"),
                Arguments.of("open above high", H + "2013-01-02,12,11,9,10.5,1000\n", 2, "open",
                        "open outside [low, high], open=12.0 low=9.0 high=11.0"),
                Arguments.of("open below low", H + "2013-01-02,8.5,11,9,10.5,1000\n", 2, "open",
                        "open outside [low, high], open=8.5 low=9.0 high=11.0"),
                Arguments.of("close outside range", H + OK + "2013-01-03,10,11,9,11.5,1000\n", 3, "close",
                        "close outside [low, high], close=11.5 low=9.0 high=11.0"),
                Arguments.of("negative volume", H + "2013-01-02,10,11,9,10.5,-1\n", 2, "volume",
                        "volume must be finite and non-negative, volume=-1.0"),
                Arguments.of("nan volume", H + "2013-01-02,10,11,9,10.5,nan\n", 2, "volume",
                        "volume must be finite and non-negative, volume=NaN"),
                Arguments.of("infinite volume", H + "2013-01-02,10,11,9,10.5,inf\n", 2, "volume",
                        "volume must be finite and non-negative, volume=Infinity"),
                Arguments.of("long form: unsorted per symbol", L
                        + "A,2013-01-03,10,11,9,10.5,1000\nB,2013-01-02,10,11,9,10.5,1000\nA,2013-01-02,10,11,9,10.5,1000\n",
                        4, "timestamp", "timestamps not increasing, symbol=A timestamp=2013-01-02T00:00:00Z"),
                Arguments.of("long form: duplicate per symbol", L
                        + "A,2013-01-02,10,11,9,10.5,1000\nB,2013-01-02,10,11,9,10.5,1000\nB,2013-01-02,10,11,9,10.5,1000\n",
                        4, "timestamp", "duplicate timestamp, symbol=B timestamp=2013-01-02T00:00:00Z"),
                Arguments.of("long form: empty symbol", L + ",2013-01-02,10,11,9,10.5,1000\n", 2, "symbol", "empty symbol"),
                Arguments.of("long form: bad volume", L + "A,2013-01-02,10,11,9,10.5,x\n", 2, "volume",
                        "not a number, value='x'"));
    }
}
