package io.vectrade.live;

import io.vectrade.data.DataFormatException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarAssemblerTest {
    record Tick(long ts, List<Double> close, List<Double> volume) {
    }

    private final List<Tick> ticks = new ArrayList<>();
    private final BarAssembler a = new BarAssembler(List.of("AAA", "BBB", "CCC"), (ts, o, h, l, c, v) ->
            ticks.add(new Tick(ts, List.of(c[0], c[1], c[2]), List.of(v[0], v[1], v[2]))));

    @Test
    void aTickClosesWhenTheTimestampAdvancesInAnyInstrumentOrder() throws Exception {
        assertThat(a.accept("CCC", 1000, 1, 2, 1, 1.5, 10)).isFalse();
        assertThat(a.accept("AAA", 1000, 1, 2, 1, 1.1, 11)).isFalse();
        assertThat(ticks).isEmpty();
        assertThat(a.accept("BBB", 2000, 1, 2, 1, 2.2, 12)).isTrue();
        assertThat(ticks).hasSize(1);
        // BBB had no bar at 1000: NaN
        assertThat(ticks.get(0)).isEqualTo(new Tick(1000, List.of(1.1, Double.NaN, 1.5), List.of(11.0, Double.NaN, 10.0)));
        assertThat(a.flush()).isTrue();
        assertThat(ticks.get(1)).isEqualTo(new Tick(2000, List.of(Double.NaN, 2.2, Double.NaN),
                List.of(Double.NaN, 12.0, Double.NaN)));
        assertThat(a.flush()).as("nothing open").isFalse();
        assertThat(a.ticks()).isEqualTo(2);
    }

    @Test
    void unknownSymbolBackwardTimestampAndDuplicateAreRefused() throws Exception {
        assertThatThrownBy(() -> a.accept("ZZZ", 1000, 1, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown symbol, symbol=ZZZ");
        a.accept("AAA", 2000, 1, 1, 1, 1, 1);
        assertThatThrownBy(() -> a.accept("BBB", 1000, 1, 1, 1, 1, 1)).hasMessageContaining("timestamp goes back");
        assertThatThrownBy(() -> a.accept("AAA", 2000, 1, 1, 1, 1, 1)).hasMessageContaining("second record");
        assertThatThrownBy(() -> new BarAssembler(List.of("A", "A"), (ts, o, h, l, c, v) -> { }))
                .hasMessageContaining("symbol given twice");
    }

    @Test
    void barLineParsesLongFormAndNamesTheFieldAtFault() {
        BarLine b = new BarLine().parse("AAA, 2024-01-02T09:30:00Z,10,11,9.5,10.5,1200", Path.of("<stdin>"), 3);
        assertThat(b.symbol).isEqualTo("AAA");
        assertThat(b.timestampMillis).isEqualTo(1704187800000L);
        assertThat(new double[] {b.open, b.high, b.low, b.close, b.volume}).containsExactly(10, 11, 9.5, 10.5, 1200);
        assertThat(BarLine.isHeader("symbol,timestamp,open,high,low,close,volume")).isTrue();
        assertThatThrownBy(() -> new BarLine().parse("AAA,2024-01-02,10,11,x,10.5,1200", Path.of("<stdin>"), 7))
                .isInstanceOf(DataFormatException.class).hasMessage("<stdin>:7: field 'low': not a number, value='x'");
        assertThatThrownBy(() -> new BarLine().parse("AAA,2024-01-02,10,11,9", Path.of("<stdin>"), 8))
                .hasMessage("<stdin>:8: field 'close': missing, expected " + BarLine.HEADER);
        assertThatThrownBy(() -> new BarLine().parse("AAA,2024-01-02,10,9,11,10,1", Path.of("<stdin>"), 9))
                .hasMessageContaining("field 'high': high < low");
        assertThatThrownBy(() -> new BarLine().parse("AAA,yesterday,10,11,9,10,1", Path.of("<stdin>"), 10))
                .hasMessageStartingWith("<stdin>:10: field 'timestamp': ");
        assertThatThrownBy(() -> new BarLine().parse("AAA,2024-01-02,10,11,9,10,1,7", Path.of("<stdin>"), 11))
                .hasMessageContaining("more than 7 fields");
    }
}
