package io.vectrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.vectrade.data.Timestamps;

/** {@link Timestamps#parseMillis}: milliseconds that format back, or an {@link IllegalArgumentException}. */
class TimestampsFuzzTest {
    @FuzzTest
    void parseMillis(@NotNull String text) {
        long ms;
        try {
            ms = Timestamps.parseMillis(text);
        } catch (IllegalArgumentException expected) {
            Outcomes.checkMessage(expected);
            return;
        }
        String iso = Timestamps.formatIso(ms);
        if (Timestamps.parseMillis(iso) != ms) {
            throw new AssertionError("formatIso does not read back: " + text + " -> " + ms + " -> " + iso);
        }
    }
}
