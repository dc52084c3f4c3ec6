package io.vectrade.parquet;

import io.vectrade.data.BarSeriesBuilder;
import io.vectrade.data.DataFormatException;
import io.vectrade.data.Panel;
import io.vectrade.data.PanelBuilder;
import io.vectrade.data.Timestamps;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.data.csv.BarReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads OHLCV bars from a Parquet file into a {@link Panel}: the wide layout (one instrument, the
 * symbol from the file name or {@link BarReadOptions#symbol()}) or the long layout (a symbol
 * column), column names mapped as in CSV ({@link BarCsvReader#mapColumns}). Column types: prices
 * and volume DOUBLE, FLOAT, INT32 or INT64; the time INT64 TIMESTAMP (millis, micros or nanos),
 * INT32 DATE, a plain INT64 epoch count ({@link Timestamps} rules and {@code epochUnit}) or a
 * string. A null value fails its row. Validation is the CSV reader's (positive finite prices,
 * low &le; open, close &le; high, volume &ge; 0, strictly increasing time per instrument); errors name
 * the file, the 1-based row (in the place of a line) and the column. Rows are read one row group
 * at a time, column by column, into primitive arrays: DOUBLE prices, TIMESTAMP / DATE times and
 * string symbols page by page through {@link ChunkDecoder} (bulk PLAIN copies, dictionaries decoded
 * once, a symbol looked up once per dictionary entry), other types value by value through
 * parquet-java's column reader; no object per value. Stateless and thread-safe.
 */
public final class ParquetBarReader {
    private static final int TIME = 0;
    private static final int SYMBOL = 1;
    private static final int ADJ = 7;

    private ParquetBarReader() {
    }

    /** Reads one file into a panel. */
    public static Panel read(Path file, BarReadOptions options) throws IOException {
        PanelBuilder b = new PanelBuilder();
        readInto(file, options, b);
        return b.build();
    }

    /**
     * Reads one file's bars into {@code panel} (one of several sources).
     *
     * @return the number of bars read
     */
    public static long readInto(Path file, BarReadOptions options, PanelBuilder panel) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        ParquetReadOptions ro = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = openReader(file, ro)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<String> names = new ArrayList<>();
            for (Type t : schema.getFields()) {
                names.add(t.getName());
            }
            int[] col = BarCsvReader.mapColumns(file, names, options);
            for (int c = 0; c < col.length; c++) {
                if (col[c] >= 0 && !schema.getType(col[c]).isPrimitive()) {
                    throw new DataFormatException(file, 0, names.get(col[c]), "a nested column cannot hold bars");
                }
            }
            if (options.adjust() && col[ADJ] < 0) {
                throw new DataFormatException(file, 0, "adjclose", "--adjust needs an adjusted close column, or --columns adjclose=NAME");
            }
            boolean longForm = col[SYMBOL] >= 0;
            if (longForm && options.symbol() != null) {
                throw new IllegalArgumentException("--symbol applies to single-instrument files; " + file + " has a symbol column");
            }
            String source = file.toString();
            BarSeriesBuilder single = longForm ? null : panel.series(options.symbol() != null ? options.symbol()
                    : BarCsvReader.symbolOf(file), source);
            List<Integer> mine = new ArrayList<>();
            Symbols symbols = longForm ? new Symbols(file, names.get(col[SYMBOL]), source, panel, mine) : null;
            ChunkDecoder decoder = new ChunkDecoder();
            RowGroupColumns g = new RowGroupColumns();
            boolean skip = options.badRows() == BarReadOptions.BadRowPolicy.SKIP;
            long skipped = 0;
            StringBuilder firstSkipped = new StringBuilder();
            long rowBase = 0;
            long rows = 0;
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                int n = Math.toIntExact(pages.getRowCount());
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new GroupRecordConverter(schema).getRootConverter(),
                        schema, createdBy);
                g.ensure(n);
                readColumns(file, schema, col, pages, store, n, options, g, rowBase, decoder, longForm ? symbols : null);
                reserve(panel, mine, single, g.symbol, n);
                for (int x = 0; x < n; x++) {
                    BarSeriesBuilder out;
                    String symbol = null;
                    if (longForm) {
                        if (g.symbol[x] < 0) {
                            if (!skip) {
                                throw new DataFormatException(file, rowBase + x + 1, names.get(col[SYMBOL]), "empty symbol");
                            }
                            skipped = skip(firstSkipped, skipped, rowBase + x + 1);
                            continue;
                        }
                        out = panel.series(mine.get(g.symbol[x]));
                        symbol = panel.symbol(mine.get(g.symbol[x]));
                    } else {
                        out = single;
                    }
                    String problem = check(g, x, out, symbol, options.adjust(), col, names);
                    if (problem != null) {
                        if (!skip) {
                            int sep = problem.indexOf('\u0000');
                            throw new DataFormatException(file, rowBase + x + 1, problem.substring(0, sep), problem.substring(sep + 1));
                        }
                        skipped = skip(firstSkipped, skipped, rowBase + x + 1);
                        continue;
                    }
                    double o = g.open[x];
                    double h = g.high[x];
                    double l = g.low[x];
                    double c = g.close[x];
                    if (options.adjust()) {
                        double f = g.adj[x] / c;
                        o *= f;
                        h *= f;
                        l *= f;
                        c = g.adj[x];
                    }
                    out.add(g.time[x], o, h, l, c, g.volume[x]);
                    rows++;
                }
                rowBase += n;
            }
            if (skipped > 0) {
                options.notices().accept(file + ": skipped " + skipped + " bad row" + (skipped == 1 ? "" : "s") + " (row"
                        + (skipped == 1 ? " " : "s ") + firstSkipped + (skipped > 5 ? ", ..." : "") + "), each a missing bar");
            }
            if (rows == 0) {
                throw new DataFormatException(file, 0, null, "no bars in the file" + (skipped > 0 ? " (" + skipped + " rows skipped)" : ""));
            }
            return rows;
        }
    }

    @SuppressWarnings("resource")
    private static ParquetFileReader openReader(Path file, ParquetReadOptions ro) throws IOException {
        try {
            return new ParquetFileReader(new ChannelInputFile(file), ro);
        } catch (RuntimeException e) {
            throw new DataFormatException(file, 0, null, "not a readable Parquet file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new DataFormatException(file, 0, null, "not a readable Parquet file (" + e.getMessage() + ")");
        }
    }

    private static long skip(StringBuilder first, long skipped, long row) {
        if (skipped < 5) {
            first.append(skipped == 0 ? "" : ", ").append(row);
        }
        return skipped + 1;
    }

    /** Null when row {@code x} is a good bar, else {@code field + '\0' + problem}. */
    private static String check(RowGroupColumns g, int x, BarSeriesBuilder out, String symbol, boolean adjust, int[] col,
                                List<String> names) {
        double o = g.open[x];
        double h = g.high[x];
        double l = g.low[x];
        double c = g.close[x];
        double v = g.volume[x];
        for (int k = 0; k < 4; k++) {
            double p = k == 0 ? o : k == 1 ? h : k == 2 ? l : c;
            if (!(p > 0) || p == Double.POSITIVE_INFINITY) {
                return names.get(col[2 + k]) + '\u0000' + (Double.isNaN(p) ? "null or not a number"
                        : "price must be finite and positive, value=" + p);
            }
        }
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            return names.get(col[6]) + '\u0000' + "volume must be finite and non-negative, volume=" + v;
        }
        if (h < l) {
            return names.get(col[3]) + '\u0000' + "high < low, high=" + h + " low=" + l;
        }
        if (o < l || o > h) {
            return names.get(col[2]) + '\u0000' + "open outside [low, high], open=" + o + " low=" + l + " high=" + h;
        }
        if (c < l || c > h) {
            return names.get(col[5]) + '\u0000' + "close outside [low, high], close=" + c + " low=" + l + " high=" + h;
        }
        if (adjust && (!(g.adj[x] > 0) || g.adj[x] == Double.POSITIVE_INFINITY)) {
            return names.get(col[ADJ]) + '\u0000' + "adjusted close must be finite and positive, value=" + g.adj[x];
        }
        long ts = g.time[x];
        if (ts == Long.MIN_VALUE) {
            return names.get(col[TIME]) + '\u0000' + "null timestamp";
        }
        if (out.size() > 0 && ts <= out.lastTimestampMillis()) {
            String who = symbol == null ? "" : "symbol=" + symbol + " ";
            return names.get(col[TIME]) + '\u0000' + (ts == out.lastTimestampMillis() ? "duplicate timestamp, " : "timestamps not increasing, ")
                    + who + "timestamp=" + Timestamps.formatIso(ts);
        }
        return null;
    }

    /** Room in every instrument's builder for its rows of this row group, so that adding them never copies. */
    private static void reserve(PanelBuilder panel, List<Integer> mine, BarSeriesBuilder single, int[] symbol, int n) {
        if (single != null) {
            single.ensureRoomFor(n);
            return;
        }
        int[] count = new int[mine.size()];
        for (int x = 0; x < n; x++) {
            if (symbol[x] >= 0) {
                count[symbol[x]]++;
            }
        }
        for (int k = 0; k < count.length; k++) {
            panel.series(mine.get(k)).ensureRoomFor(count[k]);
        }
    }

    /** One row group's columns into {@code g}; a page that does not decode is the file's error, in one line. */
    private static void readColumns(Path file, MessageType schema, int[] col, PageReadStore pages, ColumnReadStoreImpl store,
                                    int n, BarReadOptions options, RowGroupColumns g, long rowBase, ChunkDecoder decoder,
                                    Symbols symbols) throws IOException {
        try {
            ColumnDescriptor timeColumn = schema.getColumns().get(col[TIME]);
            if (!fastTime(pages, timeColumn, n, g.time, decoder)) {
                readTime(file, store, timeColumn, n, options, g.time, rowBase);
            }
            double[][] values = {g.open, g.high, g.low, g.close, g.volume, g.adj};
            int[] logical = {2, 3, 4, 5, 6, ADJ};
            for (int k = 0; k < logical.length; k++) {
                if (col[logical[k]] >= 0) {
                    ColumnDescriptor d = schema.getColumns().get(col[logical[k]]);
                    if (d.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.DOUBLE) {
                        decoder.doubles(pages.getPageReader(d), d, n, values[k]);
                    } else {
                        readDoubles(file, store, d, n, values[k]);
                    }
                }
            }
            if (symbols != null) {
                ColumnDescriptor d = schema.getColumns().get(col[SYMBOL]);
                if (d.getPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
                    throw new DataFormatException(file, 0, d.getPath()[0], "a symbol column must be a string, not "
                            + d.getPrimitiveType().getPrimitiveTypeName());
                }
                symbols.rowGroup(g.symbol, rowBase);
                decoder.binaries(pages.getPageReader(d), d, n, symbols);
            }
        } catch (org.apache.parquet.io.ParquetDecodingException | java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new DataFormatException(file, 0, null, "not a readable Parquet file (row group at row " + (rowBase + 1) + ": "
                    + e.getMessage() + ")");
        }
    }

    /**
     * Reads an INT64 TIMESTAMP or INT32 DATE time column through the page decoder, converted to epoch
     * milliseconds (nulls {@link Long#MIN_VALUE}); false for any other type (read by {@link #readTime}).
     */
    private static boolean fastTime(PageReadStore pages, ColumnDescriptor d, int n, long[] out, ChunkDecoder decoder)
            throws IOException {
        PrimitiveType p = d.getPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64
                && a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            decoder.longs(pages.getPageReader(d), d, n, out);
            long per = switch (ts.getUnit()) {
                case MILLIS -> 1L;
                case MICROS -> 1_000L;
                case NANOS -> 1_000_000L;
            };
            if (per != 1L) {
                for (int x = 0; x < n; x++) {
                    out[x] = out[x] == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(out[x], per);
                }
            }
            return true;
        }
        if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32
                && a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            decoder.longs(pages.getPageReader(d), d, n, out);
            for (int x = 0; x < n; x++) {
                out[x] = out[x] == Long.MIN_VALUE ? Long.MIN_VALUE : out[x] * 86_400_000L;
            }
            return true;
        }
        return false;
    }

    /**
     * The symbol column of the long layout, decoded into file-local symbol numbers (-1 for null): a
     * dictionary entry is looked up once per row group, at its first use, so instruments keep their
     * order of first appearance; a value outside a dictionary is compared as bytes with the symbols
     * seen. Not thread-safe.
     */
    private static final class Symbols implements ChunkDecoder.BinarySink {
        private final Path file;
        private final String field;
        private final String source;
        private final PanelBuilder panel;
        private final List<Integer> mine;
        private final List<Binary> mineBytes = new ArrayList<>();
        private int[] out;
        private long rowBase;
        private org.apache.parquet.column.Dictionary dictionary;
        private int[] byId = new int[0];
        private int last = -1;

        Symbols(Path file, String field, String source, PanelBuilder panel, List<Integer> mine) {
            this.file = file;
            this.field = field;
            this.source = source;
            this.panel = panel;
            this.mine = mine;
        }

        void rowGroup(int[] symbolOut, long firstRow) {
            out = symbolOut;
            rowBase = firstRow;
            dictionary = null;
        }

        @Override
        public void dictionary(org.apache.parquet.column.Dictionary d) {
            dictionary = d;
            if (byId.length < d.getMaxId() + 1) {
                byId = new int[d.getMaxId() + 1];
            }
            java.util.Arrays.fill(byId, 0, d.getMaxId() + 1, -2);
        }

        @Override
        public void id(int x, int id) {
            int k = byId[id];
            if (k == -2) {
                k = byId[id] = lookUp(x, dictionary.decodeToBinary(id));
            }
            out[x] = k;
        }

        @Override
        public void value(int x, Binary v) {
            int next = last + 1 >= mine.size() ? 0 : last + 1;
            if (last >= 0 && mineBytes.get(last).equals(v)) {
                out[x] = last;
            } else if (!mine.isEmpty() && mineBytes.get(next).equals(v)) {
                out[x] = last = next;
            } else {
                out[x] = last = lookUp(x, v);
            }
        }

        @Override
        public void missing(int x) {
            out[x] = -1;
        }

        /** The file-local number of {@code v}, registering a new symbol with the panel. */
        private int lookUp(int x, Binary v) {
            int k = mineBytes.indexOf(v);
            if (k >= 0) {
                return k;
            }
            String symbol = v.toStringUsingUTF8();
            try {
                panel.series(symbol, source);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, rowBase + x + 1, field, e.getMessage());
            }
            mine.add(panel.indexOf(symbol));
            mineBytes.add(Binary.fromConstantByteArray(v.getBytes()));
            return mine.size() - 1;
        }
    }

    private static void readDoubles(Path file, ColumnReadStoreImpl store, ColumnDescriptor d, int n, double[] out) {
        ColumnReader r = store.getColumnReader(d);
        int maxDef = d.getMaxDefinitionLevel();
        PrimitiveType.PrimitiveTypeName type = d.getPrimitiveType().getPrimitiveTypeName();
        if (d.getPrimitiveType().getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec
                && type != PrimitiveType.PrimitiveTypeName.INT32 && type != PrimitiveType.PrimitiveTypeName.INT64) {
            throw new DataFormatException(file, 0, d.getPath()[0], "decimal stored as " + type + " is not read; cast it to DOUBLE");
        }
        double scale = d.getPrimitiveType().getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec
                ? Math.pow(10, dec.getScale()) : 1.0;
        for (int x = 0; x < n; x++) {
            if (r.getCurrentDefinitionLevel() < maxDef) {
                out[x] = Double.NaN;
            } else {
                out[x] = switch (type) {
                    case DOUBLE -> r.getDouble();
                    case FLOAT -> r.getFloat();
                    case INT32 -> scale == 1.0 ? r.getInteger() : r.getInteger() / scale;
                    case INT64 -> scale == 1.0 ? (double) r.getLong() : r.getLong() / scale;
                    default -> throw new DataFormatException(file, 0, d.getPath()[0], "a number column must be DOUBLE, FLOAT,"
                            + " INT32 or INT64, not " + type);
                };
            }
            r.consume();
        }
    }

    private static void readTime(Path file, ColumnReadStoreImpl store, ColumnDescriptor d, int n, BarReadOptions options,
                                 long[] out, long rowBase) {
        ColumnReader r = store.getColumnReader(d);
        int maxDef = d.getMaxDefinitionLevel();
        PrimitiveType p = d.getPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        String field = d.getPath()[0];
        for (int x = 0; x < n; x++) {
            if (r.getCurrentDefinitionLevel() < maxDef) {
                out[x] = Long.MIN_VALUE;
            } else {
                switch (p.getPrimitiveTypeName()) {
                    case INT64 -> {
                        long v = r.getLong();
                        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                            out[x] = switch (ts.getUnit()) {
                                case MILLIS -> v;
                                case MICROS -> Math.floorDiv(v, 1_000L);
                                case NANOS -> Math.floorDiv(v, 1_000_000L);
                            };
                        } else {
                            out[x] = epoch(file, rowBase + x + 1, field, Long.toString(v), options);
                        }
                    }
                    case INT32 -> {
                        int v = r.getInteger();
                        out[x] = a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? v * 86_400_000L
                                : epoch(file, rowBase + x + 1, field, Integer.toString(v), options);
                    }
                    case BINARY -> out[x] = epoch(file, rowBase + x + 1, field, r.getBinary().toStringUsingUTF8(), options);
                    default -> throw new DataFormatException(file, 0, field, "a time column must be a TIMESTAMP, DATE,"
                            + " an integer or a string, not " + p.getPrimitiveTypeName());
                }
            }
            r.consume();
        }
    }

    private static long epoch(Path file, long row, String field, String text, BarReadOptions options) {
        try {
            return Timestamps.parseMillis(text, options.epochUnit(), options.zone());
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, row, field, e.getMessage());
        }
    }

    /** One row group's columns, grown as needed and reused. */
    private static final class RowGroupColumns {
        long[] time = new long[0];
        double[] open = new double[0];
        double[] high = new double[0];
        double[] low = new double[0];
        double[] close = new double[0];
        double[] volume = new double[0];
        double[] adj = new double[0];
        int[] symbol = new int[0];

        void ensure(int n) {
            if (time.length < n) {
                time = new long[n];
                open = new double[n];
                high = new double[n];
                low = new double[n];
                close = new double[n];
                volume = new double[n];
                adj = new double[n];
                symbol = new int[n];
            }
        }
    }
}
