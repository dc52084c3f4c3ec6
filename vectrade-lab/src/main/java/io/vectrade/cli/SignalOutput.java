package io.vectrade.cli;

import io.vectrade.parquet.SignalParquetWriter;
import io.vectrade.signal.Signal;
import io.vectrade.signal.SignalWriter;

import java.io.IOException;
import java.util.List;

/** Signals written to an {@link OutputTarget}: CSV or JSON lines ({@link SignalWriter}) or Parquet ({@link SignalParquetWriter}). */
final class SignalOutput {
    private SignalOutput() {
    }

    static void write(OutputTarget target, List<Signal> signals) throws IOException {
        switch (target.format()) {
            case CSV -> target.writeText(w -> SignalWriter.write(w, SignalWriter.Format.CSV, signals));
            case JSONL -> target.writeText(w -> SignalWriter.write(w, SignalWriter.Format.JSONL, signals));
            case PARQUET -> target.write(o -> SignalParquetWriter.write(signals, o, target.path().toString()));
        }
    }
}
