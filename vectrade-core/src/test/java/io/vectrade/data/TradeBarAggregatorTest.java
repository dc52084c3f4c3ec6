package io.vectrade.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradeBarAggregatorTest {

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static double[] bar(BarSeriesBuilder b, int k) {
        return new double[] {b.open(k), b.high(k), b.low(k), b.close(k), b.volume(k)};
    }

    @Test
    void handWorkedMinuteBarsSkipEmptyIntervals() {
        BarSeriesBuilder out = new BarSeriesBuilder();
        TradeBarAggregator agg = new TradeBarAggregator(Duration.ofMinutes(1), out);
        agg.add(ms("2020-01-01T00:00:10Z"), 10, 1);
        agg.add(ms("2020-01-01T00:00:50Z"), 12, 2);
        agg.add(ms("2020-01-01T00:00:50Z"), 11, 0);
        agg.add(ms("2020-01-01T00:00:59.999Z"), 9, 0.5);
        // 00:01 and 00:02 have no trades: no bars
        agg.add(ms("2020-01-01T00:03:00Z"), 11, 1);
        agg.add(ms("2020-01-01T00:03:30Z"), 11.5, 0.25);
        agg.finish();
        assertThat(out.size()).isEqualTo(2);
        assertThat(out.timestampMillis(0)).isEqualTo(ms("2020-01-01T00:00:00Z"));
        assertThat(bar(out, 0)).containsExactly(10, 12, 9, 9, 3.5);
        assertThat(out.timestampMillis(1)).isEqualTo(ms("2020-01-01T00:03:00Z"));
        assertThat(bar(out, 1)).containsExactly(11, 11.5, 11, 11.5, 1.25);
    }

    @Test
    void barsAlignToIntervalBoundariesInUtc() {
        BarSeriesBuilder out = new BarSeriesBuilder();
        TradeBarAggregator agg = new TradeBarAggregator(Duration.ofMinutes(5), out);
        agg.add(ms("2020-01-01T00:07:30Z"), 1, 1);
        agg.add(ms("2020-01-01T00:09:59Z"), 2, 1);
        agg.add(ms("2020-01-01T00:10:00Z"), 3, 1);
        agg.add(ms("2020-01-01T23:59:59Z"), 4, 1);
        agg.finish();
        assertThat(out.size()).isEqualTo(3);
        assertThat(out.timestampMillis(0)).isEqualTo(ms("2020-01-01T00:05:00Z"));
        assertThat(out.timestampMillis(1)).isEqualTo(ms("2020-01-01T00:10:00Z"));
        assertThat(out.timestampMillis(2)).isEqualTo(ms("2020-01-01T23:55:00Z"));
        assertThat(bar(out, 0)).containsExactly(1, 2, 1, 2, 2);
    }

    @Test
    void tradesBeforeTheEpochFloorToTheirIntervalStart() {
        BarSeriesBuilder out = new BarSeriesBuilder();
        TradeBarAggregator agg = new TradeBarAggregator(Duration.ofHours(1), out);
        agg.add(-1, 5, 1);
        agg.add(0, 6, 1);
        agg.finish();
        assertThat(out.timestampMillis(0)).isEqualTo(ms("1969-12-31T23:00:00Z"));
        assertThat(out.timestampMillis(1)).isEqualTo(0);
    }

    @Test
    void finishWithoutTradesAddsNothing() {
        BarSeriesBuilder out = new BarSeriesBuilder();
        new TradeBarAggregator(Duration.ofDays(1), out).finish();
        assertThat(out.size()).isZero();
    }

    @Test
    void rejectsBadTrades() {
        TradeBarAggregator agg = new TradeBarAggregator(Duration.ofMinutes(1), new BarSeriesBuilder());
        agg.add(1000, 1, 1);
        assertThatThrownBy(() -> agg.add(999, 1, 1)).hasMessageContaining("trade before the previous one");
        assertThatThrownBy(() -> agg.add(1000, 0, 1)).hasMessageContaining("price must be finite and positive");
        assertThatThrownBy(() -> agg.add(1000, Double.NaN, 1)).hasMessageContaining("price must be finite and positive");
        assertThatThrownBy(() -> agg.add(1000, 1, -1)).hasMessageContaining("amount must be finite and non-negative");
    }

    @ParameterizedTest
    @CsvSource({"1m,60000", "5m,300000", "1h,3600000", "1d,86400000", "30s,30000", "250ms,250", "PT15M,900000", "15MIN,900000"})
    void parsesIntervals(String text, long millis) {
        assertThat(TradeBarAggregator.parseInterval(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "5x", "0m", "-1m", "7m", "2d", "PT0.0005S", "1.5h"})
    void rejectsUnusableIntervals(String text) {
        assertThatThrownBy(() -> TradeBarAggregator.parseInterval(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M", "3M", "1mo", "1month"})
    void aMonthIsNeverReadAsAMinute(String text) {
        assertThatThrownBy(() -> TradeBarAggregator.parseInterval(text))
                .hasMessageContaining("ambiguous interval, interval=" + text).hasMessageContaining("write 1m or 1min for minutes");
    }
}
