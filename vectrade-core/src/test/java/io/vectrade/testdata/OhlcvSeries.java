package io.vectrade.testdata;

import io.vectrade.data.Panel;

import java.util.List;

/**
 * One instrument's bars as plain columns, for tests: timestamps (epoch millis), open, high, low,
 * close, volume, all of the same length.
 */
public record OhlcvSeries(String symbol, long[] timestampsMillis, double[] open, double[] high, double[] low,
                          double[] close, double[] volume) {

    public int length() {
        return close.length;
    }

    /** A one-instrument panel over copies of the columns. */
    public Panel toPanel() {
        return Panel.of(List.of(symbol), timestampsMillis.clone(), open.clone(), high.clone(), low.clone(),
                close.clone(), volume.clone());
    }
}
