package io.vectrade.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JitterProbeTest {
    @Test
    void timesTheLoopAtAboutItsTargetAndOrdersThePercentiles() {
        JitterProbe.Result r = JitterProbe.measure(20, 500);
        assertThat(r.workMicros()).isEqualTo(20.0);
        assertThat(r.samples()).isEqualTo(500);
        // calibrated from medians until two rounds agree: the median run is near the target (loose: a shared machine)
        assertThat(r.p50Micros()).isBetween(20.0 / 3, 20.0 * 3);
        assertThat(r.p50Micros()).isLessThanOrEqualTo(r.p99Micros());
        assertThat(r.p99Micros()).isLessThanOrEqualTo(r.p999Micros());
        assertThat(r.p999Micros()).isLessThanOrEqualTo(r.maxMicros());
        assertThat(r.checksum()).isPositive();
    }

    @Test
    void samplesFitTheTimeWithinBounds() {
        assertThat(JitterProbe.samplesWithin(25, 0.5)).isEqualTo(20_000);
        assertThat(JitterProbe.samplesWithin(100, 0.5)).isEqualTo(5_000);
        assertThat(JitterProbe.samplesWithin(1_000, 0.5)).isEqualTo(2_000);
    }

    @Test
    void refusesWhatItCannotMeasure() {
        assertThatThrownBy(() -> JitterProbe.measure(0, 500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workMicros=0.0");
        assertThatThrownBy(() -> JitterProbe.measure(Double.NaN, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JitterProbe.measure(20, 99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples=99");
    }
}
