package io.vectrade.cuda;

import io.vectrade.feature.FeatureType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureStreamsTest {

    @Test
    void everyTypeHasAStreamAndTheRecurrencesAreSpreadOverThem() {
        Set<Integer> all = new TreeSet<>();
        for (FeatureType t : FeatureType.values()) {
            assertThat(FeatureStreams.of(t)).as(t.name()).isBetween(0, FeatureStreams.STREAMS - 1);
            all.add(FeatureStreams.of(t));
        }
        assertThat(all).hasSize(FeatureStreams.STREAMS);
        Set<Integer> recurrences = new TreeSet<>();
        for (FeatureType t : EnumSet.of(FeatureType.RSI, FeatureType.EMA, FeatureType.MACD, FeatureType.ATR,
                FeatureType.ADX, FeatureType.OBV)) {
            recurrences.add(FeatureStreams.of(t));
        }
        assertThat(recurrences).hasSize(FeatureStreams.STREAMS);
    }
}
