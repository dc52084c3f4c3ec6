package io.vectrade.bench.report;

/**
 * A rendered PNG plot. Immutable apart from the byte array, which callers must not change.
 *
 * @param fileSuffix file name after {@code <name>_}, e.g. {@code latency_by_stage.png}
 * @param title      caption
 * @param png        the PNG bytes
 */
public record Plot(String fileSuffix, String title, byte[] png) {
}
