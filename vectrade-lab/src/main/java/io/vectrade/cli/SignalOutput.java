package io.vectrade.cli;

import io.vectrade.data.TimestampText;
import io.vectrade.parquet.SignalParquetWriter;
import io.vectrade.signal.Signal;
import io.vectrade.signal.SignalWriter;

import java.io.IOException;
import java.util.List;

/** Signals written to an {@link OutputTarget}: CSV or JSON lines ({@link SignalWriter}) or Parquet ({@link SignalParquetWriter}). */
final class SignalOutput {
    private SignalOutput() {
    }

    /** Timestamps as dates when every signal's is midnight UTC ({@link TimestampText}). */
    static void write(OutputTarget target, List<Signal> signals) throws IOException {
        long[] ts = new long[signals.size()];
        for (int k = 0; k < ts.length; k++) {
            ts[k] = signals.get(k).timestampMillis();
        }
        write(target, signals, TimestampText.of(ts));
    }

    /** Timestamps in {@code text} (the rule applied to the panel the signals come from). */
    static void write(OutputTarget target, List<Signal> signals, TimestampText text) throws IOException {
        switch (target.format()) {
            case CSV -> target.writeText(w -> SignalWriter.write(w, SignalWriter.Format.CSV, signals, text));
            case JSONL -> target.writeText(w -> SignalWriter.write(w, SignalWriter.Format.JSONL, signals, text));
            case PARQUET -> target.write(o -> SignalParquetWriter.write(signals, o, target.path().toString()));
        }
    }
}
