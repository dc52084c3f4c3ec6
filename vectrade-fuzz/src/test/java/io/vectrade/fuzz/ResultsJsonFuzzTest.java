package io.vectrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.compare.Comparison;
import io.vectrade.bench.report.ResultsJson;

import java.nio.charset.StandardCharsets;

/**
 * {@code compare}'s reader, {@link ResultsJson#parse}: results that {@link Comparison#of} can
 * compare (with themselves), or an {@link IllegalArgumentException}.
 */
class ResultsJsonFuzzTest {
    @FuzzTest
    void parse(@NotNull String json) {
        RunResult r;
        try {
            r = ResultsJson.parse(json.getBytes(StandardCharsets.UTF_8), "fuzz_raw.json");
        } catch (IllegalArgumentException expected) {
            Outcomes.checkMessage(expected);
            return;
        }
        Comparison.of(r, r, 0.02, 100, 1);
    }
}
