package io.vectrade.spark;

import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The record the feature stage hands the signal stage: one per (instrument block, bucket of bars), not
 * one per bar. It holds the block's scores and carried feature columns over the bucket's bars as
 * primitive arrays (little-endian {@code float64} images in binary columns, raw bits kept) and a
 * presence byte per cell (1 where the instrument has a bar), time-major with a row stride of
 * {@code width} instruments (the block's columns as the engine left them: a padded block of one
 * instrument has width 2 and count 1).
 *
 * <p>Columns: {@code bucket_key} (the shuffle key, {@link ExactPartitions}), {@code first_id},
 * {@code count}, {@code width}, {@code first_bar}, {@code length}, {@code present}, {@code score},
 * {@code c0 ... c(k-1)}. Spark serialises such a row as a few contiguous byte ranges, so a shuffle of
 * panel-daily moves 16 records instead of 2.52 million rows. Stateless helpers; thread-safe.
 */
final class Chunk {
    static final int BUCKET_KEY = 0;
    static final int FIRST_ID = 1;
    static final int COUNT = 2;
    static final int WIDTH = 3;
    static final int FIRST_BAR = 4;
    static final int LENGTH = 5;
    static final int PRESENT = 6;
    static final int SCORE = 7;
    /** Index of the first carried column. */
    static final int CARRIED = 8;

    private Chunk() {
    }

    /** The schema with {@code carried} carried columns. */
    static StructType schema(int carried) {
        List<StructField> f = new ArrayList<>();
        for (String name : List.of(InstrumentStage.BUCKET_KEY, "first_id", "count", "width", "first_bar", "length")) {
            f.add(new StructField(name, DataTypes.IntegerType, false, Metadata.empty()));
        }
        f.add(new StructField("present", DataTypes.BinaryType, false, Metadata.empty()));
        f.add(new StructField(InstrumentStage.SCORE, DataTypes.BinaryType, false, Metadata.empty()));
        for (int k = 0; k < carried; k++) {
            f.add(new StructField("c" + k, DataTypes.BinaryType, false, Metadata.empty()));
        }
        return new StructType(f.toArray(StructField[]::new));
    }

    /** A reusable output row of {@link #schema}. */
    static SpecificInternalRow row(int carried) {
        return new SpecificInternalRow(schema(carried));
    }

    /** {@code values[from, from + length)} as little-endian bytes (raw bits). */
    static byte[] bytes(double[] values, int from, int length) {
        byte[] out = new byte[Math.multiplyExact(length, Double.BYTES)];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values, from, length);
        return out;
    }

    /**
     * Copies {@code count} doubles of each of {@code rows} rows from {@code image} (row stride {@code width})
     * into {@code dst} at {@code dstFrom} (row stride {@code dstStride}).
     */
    static void scatter(byte[] image, int rows, int width, int count, double[] dst, int dstFrom, int dstStride) {
        var src = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        if (src.capacity() != (long) rows * width) {
            throw new IllegalStateException("a chunk column of " + src.capacity() + " values, expected " + rows + " x " + width);
        }
        for (int t = 0; t < rows; t++) {
            src.get(t * width, dst, dstFrom + t * dstStride, count);
        }
    }
}
