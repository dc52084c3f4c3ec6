package io.vectrade.parquet;

import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.ByteBufferReleaser;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes one flat column chunk of a row group page by page, straight into primitive arrays:
 * parquet-java's {@code ColumnReader} hands out one value per call through a stream, which
 * dominated the read of a large file. Here a PLAIN page of DOUBLE or INT64 values is one bulk copy
 * of little-endian bytes, a dictionary page is decoded once into an array and its ids (the
 * RLE/bit-packing hybrid) are decoded in runs, and definition levels likewise; any other encoding
 * (DELTA_*, BYTE_STREAM_SPLIT, ...) goes through parquet-java's own {@link ValuesReader} for that
 * page, so every valid file is read. Pages V1 and V2. A null is NaN ({@link #doubles}) or
 * {@link Long#MIN_VALUE} ({@link #longs}). Reuses its scratch arrays: not thread-safe.
 */
final class ChunkDecoder {
    /** Pages already on the heap are used in place; anything it allocates is left to the collector. */
    private final ByteBufferReleaser heap = new ByteBufferReleaser(HeapByteBufferAllocator.getInstance());
    private boolean[] present = new boolean[0];
    private int[] ids = new int[0];

    /** What a chunk of strings decodes to: per value, an index into the dictionary of its page, or the value itself. */
    interface BinarySink {
        /** The chunk's dictionary (its entries decoded on demand by {@link Dictionary#decodeToBinary}). */
        void dictionary(Dictionary dictionary);

        /** Value {@code x} is entry {@code id} of the current dictionary. */
        void id(int x, int id);

        /** Value {@code x} is {@code value} (a page without dictionary). */
        void value(int x, Binary value);

        /** Value {@code x} is null. */
        void missing(int x);
    }

    /**
     * Reads the {@code n} values of a DOUBLE column chunk into {@code out[0, n)}, NaN for nulls.
     *
     * @throws ParquetDecodingException if the pages hold fewer or more values
     */
    void doubles(PageReader pages, ColumnDescriptor d, int n, double[] out) throws IOException {
        requireType(d, PrimitiveTypeName.DOUBLE);
        double[] dict = null;
        DictionaryPage dp = pages.readDictionaryPage();
        Dictionary dictionary = dp == null ? null : dp.getEncoding().initDictionary(d, dp);
        if (dictionary != null) {
            dict = new double[dictionary.getMaxId() + 1];
            for (int k = 0; k < dict.length; k++) {
                dict[k] = dictionary.decodeToDouble(k);
            }
        }
        int pos = 0;
        DataPage page;
        while ((page = pages.readPage()) != null) {
            int count = page.getValueCount();
            checkRoom(d, pos, count, n);
            Values v = levels(page, d, pos, count);
            int m = v.present;
            if (v.encoding == Encoding.PLAIN) {
                v.data.order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out, pos, m);
            } else if (v.encoding.usesDictionary() && dict != null) {
                decodeIds(v.data, m);
                for (int k = 0; k < m; k++) {
                    out[pos + k] = dict[ids[k]];
                }
            } else {
                ValuesReader r = reader(v, d, dictionary);
                for (int k = 0; k < m; k++) {
                    out[pos + k] = r.readDouble();
                }
            }
            if (m < count) {
                // spread the m values over the page's count slots, nulls as NaN (backwards: in place)
                for (int j = count - 1, k = m - 1; j >= 0; j--) {
                    out[pos + j] = present[pos + j] ? out[pos + k--] : Double.NaN;
                }
            }
            pos += count;
        }
        checkCount(d, pos, n);
    }

    /**
     * Reads the {@code n} values of an INT64 or INT32 column chunk into {@code out[0, n)} as longs,
     * {@link Long#MIN_VALUE} for nulls.
     */
    void longs(PageReader pages, ColumnDescriptor d, int n, long[] out) throws IOException {
        PrimitiveTypeName type = d.getPrimitiveType().getPrimitiveTypeName();
        if (type != PrimitiveTypeName.INT64 && type != PrimitiveTypeName.INT32) {
            throw new IllegalArgumentException("not an integer column: " + d);
        }
        boolean int64 = type == PrimitiveTypeName.INT64;
        long[] dict = null;
        DictionaryPage dp = pages.readDictionaryPage();
        Dictionary dictionary = dp == null ? null : dp.getEncoding().initDictionary(d, dp);
        if (dictionary != null) {
            dict = new long[dictionary.getMaxId() + 1];
            for (int k = 0; k < dict.length; k++) {
                dict[k] = int64 ? dictionary.decodeToLong(k) : dictionary.decodeToInt(k);
            }
        }
        int pos = 0;
        DataPage page;
        while ((page = pages.readPage()) != null) {
            int count = page.getValueCount();
            checkRoom(d, pos, count, n);
            Values v = levels(page, d, pos, count);
            int m = v.present;
            if (v.encoding == Encoding.PLAIN && int64) {
                v.data.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out, pos, m);
            } else if (v.encoding == Encoding.PLAIN) {
                ByteBuffer b = v.data.order(ByteOrder.LITTLE_ENDIAN);
                int at = b.position();
                for (int k = 0; k < m; k++) {
                    out[pos + k] = b.getInt(at + 4 * k);
                }
            } else if (v.encoding.usesDictionary() && dict != null) {
                decodeIds(v.data, m);
                for (int k = 0; k < m; k++) {
                    out[pos + k] = dict[ids[k]];
                }
            } else {
                ValuesReader r = reader(v, d, dictionary);
                for (int k = 0; k < m; k++) {
                    out[pos + k] = int64 ? r.readLong() : r.readInteger();
                }
            }
            if (m < count) {
                for (int j = count - 1, k = m - 1; j >= 0; j--) {
                    out[pos + j] = present[pos + j] ? out[pos + k--] : Long.MIN_VALUE;
                }
            }
            pos += count;
        }
        checkCount(d, pos, n);
    }

    /** Reads the {@code n} values of a BINARY column chunk into {@code sink}: dictionary ids where the pages have them. */
    void binaries(PageReader pages, ColumnDescriptor d, int n, BinarySink sink) throws IOException {
        requireType(d, PrimitiveTypeName.BINARY);
        DictionaryPage dp = pages.readDictionaryPage();
        Dictionary dictionary = dp == null ? null : dp.getEncoding().initDictionary(d, dp);
        if (dictionary != null) {
            sink.dictionary(dictionary);
        }
        int pos = 0;
        DataPage page;
        while ((page = pages.readPage()) != null) {
            int count = page.getValueCount();
            checkRoom(d, pos, count, n);
            Values v = levels(page, d, pos, count);
            int m = v.present;
            boolean byId = v.encoding.usesDictionary() && dictionary != null;
            ValuesReader r = byId ? null : reader(v, d, dictionary);
            if (byId) {
                decodeIds(v.data, m);
            }
            for (int j = 0, k = 0; j < count; j++) {
                if (m < count && !present[pos + j]) {
                    sink.missing(pos + j);
                } else if (byId) {
                    sink.id(pos + j, ids[k++]);
                } else {
                    sink.value(pos + j, r.readBytes());
                }
            }
            pos += count;
        }
        checkCount(d, pos, n);
    }

    /** A page's values (after its levels) and how many of its slots hold one. */
    private record Values(ByteBuffer data, Encoding encoding, int present) {
    }

    /** Decodes the page's definition levels into {@code present[pos, pos + count)}; returns its values. */
    private Values levels(DataPage page, ColumnDescriptor d, int pos, int count) throws IOException {
        if (d.getMaxRepetitionLevel() != 0) {
            throw new IllegalArgumentException("a repeated column cannot hold bars: " + d);
        }
        int maxDef = d.getMaxDefinitionLevel();
        if (present.length < pos + count) {
            present = Arrays.copyOf(present, Math.max(pos + count, present.length * 2));
        }
        if (page instanceof DataPageV1 v1) {
            ByteBuffer buf = v1.getBytes().toByteBuffer(heap).slice().order(ByteOrder.LITTLE_ENDIAN);
            int p = 0;
            int m = count;
            if (maxDef > 0) {
                if (v1.getDlEncoding() == Encoding.RLE) {
                    int length = buf.getInt(0);
                    m = definedLevels(buf, 4, bitWidth(maxDef), maxDef, count, pos);
                    p = 4 + length;
                } else {
                    ByteBufferInputStream in = ByteBufferInputStream.wrap(buf.duplicate());
                    ValuesReader lr = v1.getDlEncoding().getValuesReader(d, ValuesType.DEFINITION_LEVEL);
                    lr.initFromPage(count, in);
                    m = 0;
                    for (int j = 0; j < count; j++) {
                        boolean here = lr.readInteger() == maxDef;
                        present[pos + j] = here;
                        m += here ? 1 : 0;
                    }
                    p = (int) in.position();
                }
            }
            return new Values(buf.position(p).slice(), v1.getValueEncoding(), m);
        }
        DataPageV2 v2 = (DataPageV2) page;
        int m = count;
        if (maxDef > 0) {
            ByteBuffer levels = v2.getDefinitionLevels().toByteBuffer(heap).slice();
            m = definedLevels(levels, 0, bitWidth(maxDef), maxDef, count, pos);
        }
        return new Values(v2.getData().toByteBuffer(heap).slice(), v2.getDataEncoding(), m);
    }

    /** Hybrid-decoded definition levels into {@code present}; returns how many are {@code maxDef} (a value). */
    private int definedLevels(ByteBuffer buf, int from, int bitWidth, int maxDef, int count, int pos) {
        ensureIds(count);
        hybrid(buf, from, bitWidth, count, ids);
        int m = 0;
        for (int j = 0; j < count; j++) {
            boolean here = ids[j] == maxDef;
            present[pos + j] = here;
            m += here ? 1 : 0;
        }
        return m;
    }

    /** Dictionary ids of a page: one byte of bit width, then the hybrid encoding, into {@code ids[0, m)}. */
    private void decodeIds(ByteBuffer data, int m) {
        ensureIds(m);
        if (m == 0) {
            return;
        }
        int bitWidth = data.get(data.position()) & 0xFF;
        hybrid(data, data.position() + 1, bitWidth, m, ids);
    }

    private void ensureIds(int m) {
        if (ids.length < m) {
            ids = new int[Math.max(m, ids.length * 2)];
        }
    }

    private static ValuesReader reader(Values v, ColumnDescriptor d, Dictionary dictionary) throws IOException {
        ValuesReader r;
        if (v.encoding.usesDictionary()) {
            if (dictionary == null) {
                throw new ParquetDecodingException("a dictionary-encoded page without a dictionary in column " + d);
            }
            r = v.encoding.getDictionaryBasedValuesReader(d, ValuesType.VALUES, dictionary);
        } else {
            r = v.encoding.getValuesReader(d, ValuesType.VALUES);
        }
        r.initFromPage(v.present, ByteBufferInputStream.wrap(v.data));
        return r;
    }

    /**
     * The RLE / bit-packing hybrid encoding (Parquet's format spec, "Encodings"): runs, each a
     * ULEB128 header; an even header is {@code count << 1} followed by the value in
     * ceil(bitWidth / 8) little-endian bytes, an odd one {@code groups << 1 | 1} followed by groups
     * of 8 values of {@code bitWidth} bits packed from the least significant bit. Decodes {@code n}
     * values from {@code buf[from...]} into {@code out[0, n)}.
     */
    static void hybrid(ByteBuffer buf, int from, int bitWidth, int n, int[] out) {
        int byteWidth = (bitWidth + 7) >>> 3;
        long mask = (1L << bitWidth) - 1;
        int p = from;
        int done = 0;
        while (done < n) {
            int header = 0;
            int shift = 0;
            byte b;
            do {
                b = buf.get(p++);
                header |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            if ((header & 1) == 0) {
                int value = 0;
                for (int k = 0; k < byteWidth; k++) {
                    value |= (buf.get(p++) & 0xFF) << (8 * k);
                }
                int m = Math.min(header >>> 1, n - done);
                Arrays.fill(out, done, done + m, value);
                done += m;
            } else {
                int groups = header >>> 1;
                int m = Math.min(groups * 8, n - done);
                for (int k = 0; k < m; k++) {
                    long bit = (long) k * bitWidth;
                    int at = p + (int) (bit >>> 3);
                    int off = (int) (bit & 7);
                    int need = (off + bitWidth + 7) >>> 3;
                    long word = 0;
                    for (int j = 0; j < need; j++) {
                        word |= (long) (buf.get(at + j) & 0xFF) << (8 * j);
                    }
                    out[done + k] = (int) ((word >>> off) & mask);
                }
                done += m;
                p += groups * bitWidth;
            }
        }
    }

    private static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    private static void requireType(ColumnDescriptor d, PrimitiveTypeName type) {
        if (d.getPrimitiveType().getPrimitiveTypeName() != type) {
            throw new IllegalArgumentException("not a " + type + " column: " + d);
        }
    }

    private static void checkRoom(ColumnDescriptor d, int pos, int count, int n) {
        if (pos + count > n) {
            throw new ParquetDecodingException("column " + String.join(".", d.getPath()) + " holds more values than the row group's "
                    + n + " rows");
        }
    }

    private static void checkCount(ColumnDescriptor d, int pos, int n) {
        if (pos != n) {
            throw new ParquetDecodingException("column " + String.join(".", d.getPath()) + " holds " + pos
                    + " values, the row group " + n + " rows");
        }
    }
}
