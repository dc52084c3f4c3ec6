package io.vectrade.parquet;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes rows of a fixed schema through parquet-java's column writers: {@link #write(int)} hands
 * a row index to the {@link RowSource}, which adds that row's values as primitives; nothing is
 * allocated per row or per value. Snappy-compressed, row groups of 128 MB. Not thread-safe.
 */
final class RowWriter implements AutoCloseable {
    /** Adds row {@code x}'s values to the consumer, field by field. */
    @FunctionalInterface
    interface RowSource {
        void write(RecordConsumer consumer, int x);
    }

    private final ParquetWriter<int[]> writer;
    private final int[] row = new int[1];

    RowWriter(OutputStream out, String name, MessageType schema, RowSource source) throws IOException {
        writer = new Builder(new StreamOutputFile(out, name), schema, source)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    void write(int x) throws IOException {
        row[0] = x;
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** The Hadoop-typed overloads are abstract in parquet-java 1.x and must be implemented; they are not called here. */
    @SuppressWarnings("deprecation")
    private static final class Builder extends ParquetWriter.Builder<int[], Builder> {
        private final MessageType schema;
        private final RowSource source;

        Builder(OutputFile file, MessageType schema, RowSource source) {
            super(file);
            this.schema = schema;
            this.source = source;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<int[]> getWriteSupport(ParquetConfiguration conf) {
            return support();
        }

        @Override
        protected WriteSupport<int[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support();
        }

        private WriteSupport<int[]> support() {
            return new WriteSupport<>() {
                private RecordConsumer consumer;

                @Override
                public WriteContext init(ParquetConfiguration configuration) {
                    return new WriteContext(schema, Map.of("writer", "vectrade"));
                }

                @Override
                public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
                    return new WriteContext(schema, Map.of("writer", "vectrade"));
                }

                @Override
                public void prepareForWrite(RecordConsumer recordConsumer) {
                    consumer = recordConsumer;
                }

                @Override
                public void write(int[] record) {
                    consumer.startMessage();
                    source.write(consumer, record[0]);
                    consumer.endMessage();
                }
            };
        }
    }
}
