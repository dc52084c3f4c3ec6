package io.vectrade.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LiveConnector.Settings}: the priming it carries (-1 auto, 0 none, N ticks) and what it refuses. */
class LiveConnectorSettingsTest {
    @Test
    void primingIsAutoNoneOrACount() {
        Map<String, String> o = Map.of("bootstrap", "localhost:9092");
        assertThat(new LiveConnector.Settings(o, List.of("A"), null, 1, Duration.ofSeconds(1), -1).primeTicks()).isEqualTo(-1);
        assertThat(new LiveConnector.Settings(o, List.of("A"), null, 1, Duration.ofSeconds(1), 500).primeTicks()).isEqualTo(500);
        // the five-argument form, from before priming was a setting: none
        assertThat(new LiveConnector.Settings(o, List.of("A"), null, 1, Duration.ofSeconds(1)).primeTicks()).isZero();
        assertThatThrownBy(() -> new LiveConnector.Settings(o, List.of("A"), null, 1, Duration.ofSeconds(1), -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("primeTicks must be >= 0, or -1 for auto, primeTicks=-2");
    }
}
