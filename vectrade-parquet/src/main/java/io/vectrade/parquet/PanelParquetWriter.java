package io.vectrade.parquet;

import io.vectrade.data.Panel;
import io.vectrade.io.AtomicFiles;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a {@link Panel} as Parquet in the long layout that {@link ParquetBarReader} reads:
 * {@code symbol} (STRING), {@code timestamp} (INT64 TIMESTAMP millis, UTC), {@code open high low
 * close volume} (DOUBLE); one row per (bar, instrument) with a bar, in time order. Stateless and
 * thread-safe.
 */
public final class PanelParquetWriter {
    private PanelParquetWriter() {
    }

    static MessageType schema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("symbol")
                .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named("timestamp")
                .required(PrimitiveTypeName.DOUBLE).named("open")
                .required(PrimitiveTypeName.DOUBLE).named("high")
                .required(PrimitiveTypeName.DOUBLE).named("low")
                .required(PrimitiveTypeName.DOUBLE).named("close")
                .required(PrimitiveTypeName.DOUBLE).named("volume")
                .named("bars");
    }

    private static void put(org.apache.parquet.io.api.RecordConsumer rc, String name, int index, double v) {
        rc.startField(name, index);
        rc.addDouble(v);
        rc.endField(name, index);
    }

    /** Writes atomically ({@link AtomicFiles}). */
    public static void write(Panel panel, Path file) throws IOException {
        AtomicFiles.writeBytes(file, out -> write(panel, out, file.toString()));
    }

    /** Writes to {@code out} (flushed, not closed). */
    public static void write(Panel panel, OutputStream out, String name) throws IOException {
        int n = panel.instruments();
        Binary[] symbols = new Binary[n];
        for (int i = 0; i < n; i++) {
            symbols[i] = Binary.fromString(panel.symbol(i));
        }
        String[] names = {"open", "high", "low", "close", "volume"};
        try (RowWriter w = new RowWriter(out, name, schema(), (rc, x) -> {
            int t = x / n;
            int i = x % n;
            rc.startField("symbol", 0);
            rc.addBinary(symbols[i]);
            rc.endField("symbol", 0);
            rc.startField("timestamp", 1);
            rc.addLong(panel.timestampMillis(t));
            rc.endField("timestamp", 1);
            put(rc, names[0], 2, panel.open(t, i));
            put(rc, names[1], 3, panel.high(t, i));
            put(rc, names[2], 4, panel.low(t, i));
            put(rc, names[3], 5, panel.close(t, i));
            put(rc, names[4], 6, panel.volume(t, i));
        })) {
            int rows = panel.bars() * n;
            for (int x = 0; x < rows; x++) {
                if (!panel.isMissing(x / n, x % n)) {
                    w.write(x);
                }
            }
        }
        out.flush();
    }
}
