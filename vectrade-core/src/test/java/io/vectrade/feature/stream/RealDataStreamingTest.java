package io.vectrade.feature.stream;

import io.vectrade.testdata.RealData;

import io.vectrade.feature.FeatureSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming equals the independent reference and, bit for bit, the cpu batch engine at every bar on
 * real AAPL daily bars and Bitstamp trades.
 */
class RealDataStreamingTest {

    @Test
    void appleDailyBars() {
        Bars apple = Bars.of(RealData.aaplDaily());
        assertThat(apple.bars()).isEqualTo(252);
        FeatureSet set = StreamingFeaturesTest.standardPlusNonDefault();
        double[][] actual = apple.stream(StreamingFeatures.of(set, 1));
        long compared = Agreement.assertAgree(set, apple.bars(), 1, apple.reference(set), actual, "aapl");
        assertThat(compared).isGreaterThan(15_000);
        Agreement.assertBitExact(set, apple.bars(), 1, apple.cpuBatch(set), actual, "aapl, cpu engine");
    }

    @Test
    void bitstampOneMinuteBarsWithEmptyMinutesAsMissingBars() {
        Bars btc = Bars.of(RealData.bitstampMinuteCalendar());
        int missing = 0;
        for (double c : btc.close()) {
            missing += Double.isNaN(c) ? 1 : 0;
        }
        assertThat(btc.bars()).isGreaterThan(9_000);
        assertThat(missing).isGreaterThan(100);
        FeatureSet set = StreamingFeaturesTest.standardPlusNonDefault();
        double[][] actual = btc.stream(StreamingFeatures.of(set, 1));
        Agreement.assertAgree(set, btc.bars(), 1, btc.reference(set), actual, "bitstamp 1m");
        Agreement.assertBitExact(set, btc.bars(), 1, btc.cpuBatch(set), actual, "bitstamp 1m, cpu engine");
    }

    @Test
    void bitstampTradeByTradeAsBars() {
        // every trade a bar: open == high == low == close, many equal prices in a row (flat windows)
        Bars btc = Bars.of(RealData.bitstampTrades());
        assertThat(btc.bars()).isEqualTo(100_000);
        FeatureSet set = StreamingFeaturesTest.standardPlusNonDefault();
        double[][] actual = btc.stream(StreamingFeatures.of(set, 1));
        Agreement.assertAgree(set, btc.bars(), 1, btc.reference(set), actual, "bitstamp trades");
        Agreement.assertBitExact(set, btc.bars(), 1, btc.cpuBatch(set), actual, "bitstamp trades, cpu engine");
    }
}
