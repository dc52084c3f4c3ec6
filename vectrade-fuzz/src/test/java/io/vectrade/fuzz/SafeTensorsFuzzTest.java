package io.vectrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.vectrade.model.ModelFormatException;
import io.vectrade.model.SafeTensors;

/** {@link SafeTensors#decode}: the tensors or a {@link ModelFormatException}. */
class SafeTensorsFuzzTest {
    @FuzzTest
    void decode(byte @NotNull [] bytes) {
        try {
            SafeTensors.decode(bytes, "fuzz.safetensors");
        } catch (ModelFormatException expected) {
            Outcomes.checkMessage(expected);
        }
    }
}
