package io.vectrade.spark;

import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The frame written as Parquet partitioned by date without Spark's file writer: each signal task writes
 * its own rows, which {@link SignalStage} emits in date order, as one file per date,
 * {@code DIR/date=YYYY-MM-DD/part-BBBBB.snappy.parquet} ({@code B}: the task's bucket of bars, so a date
 * that two buckets share has two files). The layout, the file schema ({@code symbol} STRING,
 * {@code timestamp} INT64 TIMESTAMP(MICROS, UTC), features and {@code score} DOUBLE, {@code side} INT32
 * INT(8), {@code strength} and {@code weight} DOUBLE; the date in the directory name only) and the
 * codec (snappy) are those of Spark's writer, so Spark, DuckDB and other Parquet readers read it as
 * they read Spark's output.
 *
 * <p>Why not Spark's writer: for daily bars each date is a file of one bar per instrument, and Spark's
 * per-file machinery (the sort by date, the Hadoop configuration iterated for every file, a checksum file,
 * the commit protocol's renames) cost more than the rows (docs/spark.md). Here a file is parquet-java's
 * writer with an empty configuration on a {@code java.nio} path, written under a hidden name and renamed
 * into place when complete, so a retried or speculative task replaces a file whole and readers skip a
 * failed attempt's leftovers (names starting with {@code .}). The caller renames the whole directory into
 * place after the job. {@code DIR} must be a path every executor sees (as {@code --out} must).
 * Returns one {@code long[]{rows, files}} per task, and reports bytes and rows as the task's output
 * metrics (as Spark's writer does). Not thread-safe per task (Spark runs one call per task).
 */
final class DateParquetFiles implements FlatMapFunction<Iterator<InternalRow>, long[]> {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Page size of the date files: a date of daily bars is a few kilobytes a column (8 bytes × instruments). */
    static final int PAGE_BYTES = 64 * 1024;

    private final String dir;
    private final StructType schema;

    /** Writes rows of {@code schema} (whose last field is {@link SignalStage#DATE}, epoch days) under {@code dir}. */
    DateParquetFiles(String dir, StructType schema) {
        StructField[] f = schema.fields();
        if (!f[f.length - 1].name().equals(SignalStage.DATE)) {
            throw new IllegalArgumentException("the last field must be " + SignalStage.DATE + ": " + schema.simpleString());
        }
        this.dir = dir;
        this.schema = schema;
    }

    /** The Parquet schema of a date file: every field of {@code schema} but the date, all required. */
    static MessageType fileSchema(StructType schema) {
        StructField[] f = schema.fields();
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (int k = 0; k < f.length - 1; k++) {
            DataType t = f[k].dataType();
            if (t.equals(DataTypes.StringType)) {
                b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f[k].name());
            } else if (t.equals(DataTypes.TimestampType)) {
                b.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true,
                        LogicalTypeAnnotation.TimeUnit.MICROS)).named(f[k].name());
            } else if (t.equals(DataTypes.DoubleType)) {
                b.required(PrimitiveTypeName.DOUBLE).named(f[k].name());
            } else if (t.equals(DataTypes.ByteType)) {
                b.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true)).named(f[k].name());
            } else {
                throw new IllegalArgumentException("no Parquet type for " + f[k]);
            }
        }
        return b.named("spark_schema");
    }

    /**
     * parquet-java's writer of one date file: snappy, pages of {@link #PAGE_BYTES}, dictionaries for the
     * timestamp and side columns only. parquet-java sizes its buffers by the page size (1 MiB by
     * default: 1.4 MB allocated for a file of a thousand rows), and a dictionary of values that rarely
     * repeat within a file (doubles; symbols of daily bars, one row each) costs a hash map per column
     * and file and is then abandoned (218 KB allocated per file of a thousand daily rows with these
     * settings, the same 6.2 MB for 630 such files). The compressor is the task's
     * ({@link TaskCodecs}), not one made and released per file.
     */
    private static ParquetWriter<InternalRow> writer(Path path, MessageType file, Row row, TaskCodecs codecs) throws IOException {
        Builder b = new Builder(new LocalOutputFile(path), row).withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withCodecFactory(codecs)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withPageSize(PAGE_BYTES)
                .withDictionaryPageSize(PAGE_BYTES);
        for (var f : file.getFields()) {
            PrimitiveTypeName t = f.asPrimitiveType().getPrimitiveTypeName();
            if (t == PrimitiveTypeName.DOUBLE || t == PrimitiveTypeName.BINARY) {
                b = b.withDictionaryEncoding(f.getName(), false);
            }
        }
        return b.build();
    }

    /** The directory name of epoch day {@code day}, as Spark names a date partition: {@code date=2024-03-01}. */
    static String directory(int day) {
        return SignalStage.DATE + "=" + LocalDate.ofEpochDay(day);
    }

    @Override
    public Iterator<long[]> call(Iterator<InternalRow> rows) throws IOException {
        TaskContext task = TaskContext.get();
        int bucket = task == null ? 0 : task.partitionId();
        long attempt = task == null ? 0 : task.taskAttemptId();
        MessageType file = fileSchema(schema);
        DataType[] types = new DataType[schema.fields().length - 1];
        for (int k = 0; k < types.length; k++) {
            types[k] = schema.fields()[k].dataType();
        }
        int dateField = types.length;
        Row row = new Row(file, types);
        String name = String.format(Locale.ROOT, "part-%05d.snappy.parquet", bucket);
        long count = 0;
        long files = 0;
        long bytes = 0;
        TaskCodecs codecs = new TaskCodecs();
        ParquetWriter<InternalRow> writer = null;
        Path hidden = null;
        Path target = null;
        int day = Integer.MIN_VALUE;
        try {
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                int d = r.getInt(dateField);
                if (writer == null || d != day) {
                    if (d < day) {
                        throw new IllegalStateException("rows out of date order in bucket " + bucket + ": day " + d + " after " + day);
                    }
                    if (writer != null) {
                        writer.close();
                        writer = null;
                        bytes += finish(hidden, target);
                    }
                    day = d;
                    Path dateDir = Files.createDirectories(Path.of(dir, directory(day)));
                    target = dateDir.resolve(name);
                    hidden = dateDir.resolve("." + name + ".attempt-" + attempt);
                    writer = writer(hidden, file, row, codecs);
                    files++;
                }
                writer.write(r);
                count++;
            }
            if (writer != null) {
                writer.close();
                writer = null;
                bytes += finish(hidden, target);
            }
            if (task != null) {
                Internals.reportOutput(task, bytes, count);
            }
        } finally {
            if (writer != null) {  // failed mid-file: the hidden file goes, the task fails
                try {
                    writer.close();
                } catch (IOException | RuntimeException e) {
                    // the task's own failure is the one to report
                }
                Files.deleteIfExists(hidden);
            }
            codecs.close();
        }
        return List.of(new long[] {count, files}).iterator();
    }

    /** One row's fields into parquet-java's record consumer: primitives, one cached {@link Binary} per symbol string. */
    private static final class Row extends WriteSupport<InternalRow> {
        private final MessageType file;
        private static final int DOUBLE = 0;
        private static final int TIMESTAMP = 1;
        private static final int BYTE = 2;
        private static final int STRING = 3;
        private final int[] kinds;
        private final String[] names;
        private final Map<UTF8String, Binary> strings = new IdentityHashMap<>();
        private RecordConsumer consumer;

        Row(MessageType file, DataType[] types) {
            this.file = file;
            this.kinds = new int[types.length];
            this.names = new String[types.length];
            for (int k = 0; k < types.length; k++) {
                names[k] = file.getFieldName(k);
                DataType t = types[k];
                kinds[k] = t.equals(DataTypes.DoubleType) ? DOUBLE : t.equals(DataTypes.TimestampType) ? TIMESTAMP
                        : t.equals(DataTypes.ByteType) ? BYTE : STRING;
            }
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(file, Map.of("writer", "vectrade"));
        }

        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(file, Map.of("writer", "vectrade"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            consumer = recordConsumer;
        }

        @Override
        public void write(InternalRow r) {
            consumer.startMessage();
            for (int k = 0; k < kinds.length; k++) {
                consumer.startField(names[k], k);
                switch (kinds[k]) {
                    case DOUBLE -> consumer.addDouble(r.getDouble(k));
                    case TIMESTAMP -> consumer.addLong(r.getLong(k));
                    case BYTE -> consumer.addInteger(r.getByte(k));
                    default -> consumer.addBinary(binary(r.getUTF8String(k)));
                }
                consumer.endField(names[k], k);
            }
            consumer.endMessage();
        }

        /** The symbol's bytes: the frame reuses one {@link UTF8String} per instrument, so one {@link Binary} each. */
        private Binary binary(UTF8String s) {
            Binary b = strings.get(s);
            if (b == null) {
                b = Binary.fromConstantByteArray(s.getBytes());
                strings.put(s, b);
            }
            return b;
        }
    }

    /**
     * One parquet-java codec factory for every file of a task: {@link ParquetWriter#close} releases its
     * factory, and a factory of its own per file costs a codec, a pooled compressor and a page-sized
     * buffer per file. Files are written one after another, as the columns of one file share one
     * compressor in parquet-java. {@link #release} (per file) does nothing, {@link #close} (per task) releases.
     */
    private static final class TaskCodecs implements CompressionCodecFactory {
        private final CodecFactory codecs = new CodecFactory(new PlainParquetConfiguration(), PAGE_BYTES);

        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            return codecs.getCompressor(codec);
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            return codecs.getDecompressor(codec);
        }

        @Override
        public void release() {
            // a file is done; the task's next file takes the same compressor
        }

        void close() {
            codecs.release();
        }
    }

    /** parquet-java's builder for {@link Row}; the Hadoop-typed overload is abstract in 1.x and not called. */
    @SuppressWarnings("deprecation")
    private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {
        private final Row row;

        Builder(OutputFile out, Row row) {
            super(out);
            this.row = row;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<InternalRow> getWriteSupport(ParquetConfiguration conf) {
            return row;
        }

        @Override
        protected WriteSupport<InternalRow> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return row;
        }
    }

    /** Renames a complete file into place; returns its size in bytes. */
    private static long finish(Path hidden, Path target) throws IOException {
        Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Files.size(target);
    }

    /** Sums the tasks' {@code {rows, files}}. */
    static long[] total(List<long[]> perTask) {
        long[] t = new long[2];
        for (long[] p : perTask) {
            t[0] += p[0];
            t[1] += p[1];
        }
        return t;
    }
}
