package io.vectrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.vectrade.signal.SignalChain;

/** {@link SignalChain#parse}: a chain or an {@link IllegalArgumentException}. */
class PolicyParserFuzzTest {
    @FuzzTest
    void parse(@NotNull String text) {
        try {
            SignalChain.parse(text);
        } catch (IllegalArgumentException expected) {
            Outcomes.checkMessage(expected);
        }
    }
}
