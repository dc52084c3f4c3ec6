package io.vectrade.parquet;

import io.vectrade.signal.Signal;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes signals as Parquet: {@code timestamp} (INT64 TIMESTAMP millis, UTC), {@code symbol} and
 * {@code side} (STRING: long, short, flat), {@code strength} and {@code weight} (DOUBLE), the
 * columns of the CSV form. Stateless and thread-safe.
 */
public final class SignalParquetWriter {
    private SignalParquetWriter() {
    }

    static MessageType schema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named("timestamp")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("symbol")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("side")
                .required(PrimitiveTypeName.DOUBLE).named("strength")
                .required(PrimitiveTypeName.DOUBLE).named("weight")
                .named("signals");
    }

    /** Writes to {@code out} (flushed, not closed). */
    public static void write(List<Signal> signals, OutputStream out, String name) throws IOException {
        Map<String, Binary> bytes = new HashMap<>();
        try (RowWriter w = new RowWriter(out, name, schema(), (rc, x) -> {
            Signal s = signals.get(x);
            rc.startField("timestamp", 0);
            rc.addLong(s.timestampMillis());
            rc.endField("timestamp", 0);
            rc.startField("symbol", 1);
            rc.addBinary(bytes.computeIfAbsent(s.symbol(), Binary::fromString));
            rc.endField("symbol", 1);
            rc.startField("side", 2);
            rc.addBinary(bytes.computeIfAbsent(s.sideName(), Binary::fromString));
            rc.endField("side", 2);
            rc.startField("strength", 3);
            rc.addDouble(s.strength());
            rc.endField("strength", 3);
            rc.startField("weight", 4);
            rc.addDouble(s.targetWeight());
            rc.endField("weight", 4);
        })) {
            for (int x = 0; x < signals.size(); x++) {
                w.write(x);
            }
        }
        out.flush();
    }
}
