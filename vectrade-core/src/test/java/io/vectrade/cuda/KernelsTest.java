package io.vectrade.cuda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class KernelsTest {

    @Test
    void aLaunchWithTheDeclaredTypesPassesAndAnyOtherIsRefusedByName() {
        assertThatNoException().isThrownBy(() -> Kernels.check("vt_rsi_f64", new Object[] {1L, 2L, 3L, 4, 14}));
        assertThatIllegalArgumentException().isThrownBy(() -> Kernels.check("vt_rsi_f64", new Object[] {1L, 2L, 3L, 4L, 14}))
                .withMessage("wrong kernel argument type, kernel=vt_rsi_f64 index=3 expected=int (Integer) got=Long");
        assertThatIllegalArgumentException().isThrownBy(() -> Kernels.check("vt_bbands_f32",
                new Object[] {1L, 2L, 3L, 4L, 5L, 6, 7, 8, 2.0f})).withMessageContaining("index=8 expected=double (Double) got=Float");
        assertThatIllegalArgumentException().isThrownBy(() -> Kernels.check("vt_rsi_f64", new Object[] {1L}))
                .withMessageContaining("expected=5 got=1");
        assertThatIllegalArgumentException().isThrownBy(() -> Kernels.check("vt_nope", new Object[0]))
                .withMessage("unknown kernel, kernel=vt_nope");
    }

    @Test
    void precisionPairsShareTheirParameters() {
        assertThat(Kernels.signatures()).containsEntry("vt_caps_sums", "ppiii")
                .containsEntry("vt_threshold_f32", "pppppiiiddddd").containsEntry("vt_threshold_f64", "pppppiiiddddd")
                .doesNotContainKey("vt_caps_sums_f64");
        assertThat(Kernels.ptxTypes("pidf")).containsExactly("u64", "u32", "f64", "f32");
    }
}
