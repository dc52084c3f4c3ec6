package io.vectrade.parquet;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureTable;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a {@link FeatureTable} as Parquet: {@code timestamp} (INT64 TIMESTAMP millis, UTC),
 * {@code symbol} (STRING), then one optional DOUBLE per feature column, named as given (canonical
 * specs or their snake form). One row per (bar, instrument), in time order, instruments in panel
 * order, missing bars included; warm-up and missing values (NaN) are nulls, as the CSV writer's
 * empty cells. Values go from the table's primitive columns to the column writers: no object per
 * value or row. Stateless and thread-safe.
 */
public final class FeatureParquetWriter {
    private FeatureParquetWriter() {
    }

    /** The schema of a feature file with these column names. */
    static MessageType schema(List<String> columnNames) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named("timestamp");
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("symbol");
        for (String name : columnNames) {
            b.optional(PrimitiveTypeName.DOUBLE).named(name);
        }
        return b.named("features");
    }

    /**
     * Writes to {@code out} (flushed, not closed).
     *
     * @param columnNames one per table column, as they are to appear in the file
     * @throws IllegalArgumentException if the table's shape is not the panel's
     */
    public static void write(Panel panel, FeatureTable table, List<String> columnNames, OutputStream out, String name)
            throws IOException {
        if (table.bars() != panel.bars() || table.instruments() != panel.instruments()) {
            throw new IllegalArgumentException("feature table does not match the panel, table=" + table.bars() + "x"
                    + table.instruments() + " panel=" + panel.bars() + "x" + panel.instruments());
        }
        int columns = table.features().columns();
        if (columnNames.size() != columns) {
            throw new IllegalArgumentException("column names=" + columnNames.size() + " columns=" + columns);
        }
        int n = panel.instruments();
        double[][] cols = new double[columns][];
        for (int c = 0; c < columns; c++) {
            cols[c] = table.column(c);
        }
        Binary[] symbols = new Binary[n];
        for (int i = 0; i < n; i++) {
            symbols[i] = Binary.fromString(panel.symbol(i));
        }
        long[] ts = panel.timestampsMillis();
        String[] fields = columnNames.toArray(String[]::new);
        try (RowWriter w = new RowWriter(out, name, schema(columnNames), (rc, x) -> {
            rc.startField("timestamp", 0);
            rc.addLong(ts[x / n]);
            rc.endField("timestamp", 0);
            rc.startField("symbol", 1);
            rc.addBinary(symbols[x % n]);
            rc.endField("symbol", 1);
            for (int c = 0; c < fields.length; c++) {
                double v = cols[c][x];
                if (!Double.isNaN(v)) {
                    rc.startField(fields[c], c + 2);
                    rc.addDouble(v);
                    rc.endField(fields[c], c + 2);
                }
            }
        })) {
            int rows = panel.bars() * n;
            for (int x = 0; x < rows; x++) {
                w.write(x);
            }
        }
        out.flush();
    }
}
