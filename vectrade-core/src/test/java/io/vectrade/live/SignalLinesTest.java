package io.vectrade.live;

import io.vectrade.signal.Signal;
import io.vectrade.data.TimestampText;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalWriter;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignalLinesTest {
    @Test
    void nonFlatSignalsAsTheSameJsonLinesAsSignalWriter() throws Exception {
        List<String> symbols = List.of("AAA", "B\"B", "CCC", "DDD");
        SignalFrame frame = SignalFrame.allocate(1, 4);
        frame.side()[0] = SignalFrame.LONG;
        frame.strength()[0] = 0.75;
        frame.weight()[0] = 0.05;
        frame.side()[1] = SignalFrame.SHORT;
        frame.strength()[1] = 1.0 / 3;
        frame.weight()[1] = -0.1;
        frame.side()[3] = SignalFrame.LONG;
        frame.strength()[3] = Double.NaN;
        frame.weight()[3] = 1e-7;
        long ts = 1704153600000L;
        StringBuilder got = new StringBuilder();
        int n = new SignalLines(symbols).write(ts, frame, 0, got);
        assertThat(n).isEqualTo(3);
        // the reference: SignalWriter's JSONL for the non-flat signals
        StringWriter expected = new StringWriter();
        SignalWriter.write(expected, SignalWriter.Format.JSONL, SignalWriter.signals(frame, new long[] {ts}, symbols, 0, 1, true),
                TimestampText.DATE_TIME);
        assertThat(got.toString()).isEqualTo(expected.toString());
        assertThat(got.toString()).startsWith("{\"timestamp\":\"2024-01-02T00:00:00Z\",\"timestamp_ms\":1704153600000,"
                + "\"symbol\":\"AAA\",\"side\":\"long\",\"strength\":0.75,\"weight\":0.05}\n");
        // told that the calendar is daily (a replay), the lines spell dates, as SignalWriter does for daily bars
        StringBuilder dated = new StringBuilder();
        new SignalLines(symbols, TimestampText.DATE).write(ts, frame, 0, dated);
        StringWriter expectedDated = new StringWriter();
        SignalWriter.write(expectedDated, SignalWriter.Format.JSONL, SignalWriter.signals(frame, new long[] {ts}, symbols, 0, 1, true));
        assertThat(dated.toString()).isEqualTo(expectedDated.toString()).startsWith("{\"timestamp\":\"2024-01-02\",");
        assertThat(new Signal(ts, "x", SignalFrame.LONG, 1, 1).sideName()).isEqualTo("long");
    }

    @Test
    void anAllFlatTickWritesNothing() throws Exception {
        StringBuilder got = new StringBuilder();
        assertThat(new SignalLines(List.of("A", "B")).write(0, SignalFrame.allocate(1, 2), 0, got)).isZero();
        assertThat(got).isEmpty();
    }
}
