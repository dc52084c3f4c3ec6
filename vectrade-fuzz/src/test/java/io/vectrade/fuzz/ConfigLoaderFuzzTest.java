package io.vectrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.vectrade.bench.BenchConfig;
import io.vectrade.bench.ConfigException;
import io.vectrade.bench.ConfigLoader;

/** {@link ConfigLoader#parse}: a config or a {@link ConfigException}. */
class ConfigLoaderFuzzTest {
    @FuzzTest
    void parse(@NotNull String yaml) {
        try {
            ConfigLoader.parse(yaml, BenchConfig.defaults());
        } catch (ConfigException expected) {
            Outcomes.checkMessage(expected);
        }
    }
}
