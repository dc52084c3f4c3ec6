package io.vectrade.parquet;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page decoder against parquet-java's own value-at-a-time {@link ColumnReader} (the
 * reference), column by column and raw bit for bit, on files DuckDB writes in several encodings
 * (format V1 and V2, dictionary and plain, nulls, several row groups) and on parquet-java's; and
 * the hybrid RLE decoder against the example of the Parquet format specification.
 */
class ChunkDecoderTest {
    @TempDir
    Path dir;

    @Test
    void hybridDecodesTheSpecificationsExample() {
        // "Encodings.md": 0..7 bit-packed with width 3 are the bytes 10001000 11000110 11111010;
        // preceded here by an RLE run of five 3s (header 5 << 1, value in one byte)
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0x0A, 0x03, 0x03, (byte) 0x88, (byte) 0xC6, (byte) 0xFA});
        int[] out = new int[13];
        ChunkDecoder.hybrid(b, 0, 3, 13, out);
        assertThat(out).containsExactly(3, 3, 3, 3, 3, 0, 1, 2, 3, 4, 5, 6, 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1", "V2"})
    void duckDbFilesDecodeAsParquetJavaReadsThem(String version) throws Exception {
        Path pq = dir.resolve("duck-" + version + ".parquet");
        // prices with nulls, a low-cardinality column (dictionary), a plain high-cardinality one,
        // timestamps in micros, symbols as strings; small row groups so that there are several
        ParquetBarReaderTest.duckdb("COPY (SELECT 'S' || (i % 7) AS symbol,"
                + " TIMESTAMP '2020-01-01' + INTERVAL (i) MINUTE AS timestamp,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE 100 + sin(i) END AS open,"
                + " (i % 5 + 0.25)::DOUBLE AS high,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 3)::DOUBLE END AS low,"
                + " (i * 1.5e-3)::DOUBLE AS close, i::BIGINT AS volume FROM range(25000) r(i))"
                + " TO '" + pq + "' (FORMAT PARQUET, PARQUET_VERSION " + version + ", ROW_GROUP_SIZE 10000)");
        assertDecodesAsColumnReader(pq);
    }

    @Test
    void parquetJavasOwnFilesDecodeAsItReadsThem() throws Exception {
        // parquet-java starts every column with a dictionary and falls back to PLAIN pages when it grows
        Panel p = SyntheticMarket.generate(SyntheticMarket.Shape.parse("500x400"), 3);
        Path pq = dir.resolve("vectrade.parquet");
        PanelParquetWriter.write(p, pq);
        assertDecodesAsColumnReader(pq);
    }

    /** Every column of every row group, both ways. */
    private static void assertDecodesAsColumnReader(Path file) throws IOException {
        ParquetReadOptions ro = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        ChunkDecoder decoder = new ChunkDecoder();
        int groups = 0;
        try (ParquetFileReader a = new ParquetFileReader(new LocalInputFile(file), ro);
             ParquetFileReader b = new ParquetFileReader(new LocalInputFile(file), ro)) {
            MessageType schema = a.getFooter().getFileMetaData().getSchema();
            String createdBy = a.getFooter().getFileMetaData().getCreatedBy();
            PageReadStore ra;
            while ((ra = a.readNextRowGroup()) != null) {
                PageReadStore rb = b.readNextRowGroup();
                groups++;
                int n = Math.toIntExact(ra.getRowCount());
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(ra, new GroupRecordConverter(schema).getRootConverter(),
                        schema, createdBy);
                for (ColumnDescriptor d : schema.getColumns()) {
                    ColumnReader r = store.getColumnReader(d);
                    switch (d.getPrimitiveType().getPrimitiveTypeName()) {
                        case DOUBLE -> {
                            double[] got = new double[n];
                            decoder.doubles(rb.getPageReader(d), d, n, got);
                            for (int x = 0; x < n; x++) {
                                double want = r.getCurrentDefinitionLevel() < d.getMaxDefinitionLevel() ? Double.NaN : r.getDouble();
                                r.consume();
                                assertThat(Double.doubleToRawLongBits(got[x])).as("%s row %d", d, x)
                                        .isEqualTo(Double.doubleToRawLongBits(want));
                            }
                        }
                        case INT64 -> {
                            long[] got = new long[n];
                            decoder.longs(rb.getPageReader(d), d, n, got);
                            for (int x = 0; x < n; x++) {
                                long want = r.getCurrentDefinitionLevel() < d.getMaxDefinitionLevel() ? Long.MIN_VALUE : r.getLong();
                                r.consume();
                                assertThat(got[x]).as("%s row %d", d, x).isEqualTo(want);
                            }
                        }
                        case BINARY -> {
                            List<String> got = new ArrayList<>();
                            org.apache.parquet.column.Dictionary[] dict = new org.apache.parquet.column.Dictionary[1];
                            decoder.binaries(rb.getPageReader(d), d, n, new ChunkDecoder.BinarySink() {
                                @Override
                                public void dictionary(org.apache.parquet.column.Dictionary dictionary) {
                                    dict[0] = dictionary;
                                }

                                @Override
                                public void id(int x, int id) {
                                    got.add(dict[0].decodeToBinary(id).toStringUsingUTF8());
                                }

                                @Override
                                public void value(int x, Binary value) {
                                    got.add(value.toStringUsingUTF8());
                                }

                                @Override
                                public void missing(int x) {
                                    got.add(null);
                                }
                            });
                            List<String> want = new ArrayList<>();
                            for (int x = 0; x < n; x++) {
                                want.add(r.getCurrentDefinitionLevel() < d.getMaxDefinitionLevel() ? null
                                        : r.getBinary().toStringUsingUTF8());
                                r.consume();
                            }
                            assertThat(got).as("%s", d).isEqualTo(want);
                        }
                        default -> throw new AssertionError("unexpected column " + d);
                    }
                }
            }
        }
        assertThat(groups).isGreaterThanOrEqualTo(1);
    }
}
