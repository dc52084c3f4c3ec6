package io.vectrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.vectrade.feature.FeatureSpec;

import java.util.List;

/** {@link FeatureSpec#parseList}: specs whose canonical text parses back to them, or an {@link IllegalArgumentException}. */
class FeatureSpecFuzzTest {
    @FuzzTest
    void parseList(@NotNull String text) {
        List<FeatureSpec> specs;
        try {
            specs = FeatureSpec.parseList(text);
        } catch (IllegalArgumentException expected) {
            Outcomes.checkMessage(expected);
            return;
        }
        for (FeatureSpec s : specs) {
            if (!FeatureSpec.parse(s.canonical()).equals(s)) {
                throw new AssertionError("canonical text does not parse back: " + s.canonical());
            }
        }
    }
}
