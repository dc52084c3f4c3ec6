package io.vectrade.spark;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The input side of the feature stage's shuffle, one task per input split: each normalised bar
 * ({@link BarInput#COLUMNS}) is given its instrument id (its symbol's rank, looked up in the broadcast
 * {@link Universe} without a join) and its bar index on the union calendar, and appended to the buffer
 * of its instrument block; a buffer is emitted as one record of primitive arrays (ids, bar indices, the
 * five values, a null mask) when it holds {@link JobSpec#chunkBars} bars (16,384 by default), when the
 * task holds {@link JobSpec#bufferedBars} in all (every buffer then; a million by default), and at the end. So Spark shuffles a few hundred
 * records of arrays instead of a row per bar, and a task's buffers stay below about 50 MB whatever the
 * number of blocks.
 *
 * <p>Columns: {@code block_key} (the shuffle key, {@link ExactPartitions}), {@code bars} (how many),
 * {@code id}, {@code bar} (int images), {@code open ... volume} (float64 images, raw bits), {@code nulls}
 * (a byte per bar, bit k set when value k was null). Little-endian. No object per bar: the symbol's id
 * is cached while consecutive rows share it, and looked up by binary search over Spark's own UTF-8
 * strings otherwise.
 */
final class BarChunks implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Bars per emitted record at most (the default of {@link JobSpec#chunkBars}). */
    static final int CHUNK_BARS = 16_384;
    /** Bars buffered by one task at most, about 49 bytes each (the default of {@link JobSpec#bufferedBars}). */
    static final int BUFFERED_BARS = 1 << 20;

    static final int BLOCK_KEY = 0;
    static final int BARS = 1;
    static final int IDS = 2;
    static final int BAR_INDICES = 3;
    /** Index of the open column; high, low, close, volume follow. */
    static final int VALUES = 4;
    static final int NULLS = 9;

    private final int instrumentsPerBlock;
    private final int chunkBars;
    private final int bufferedBars;
    private final int[] blockKeys;
    private final Broadcast<Universe> universe;
    private final TaskTimers timers;

    BarChunks(JobSpec spec, int[] blockKeys, Broadcast<Universe> universe, TaskTimers timers) {
        this.instrumentsPerBlock = spec.instrumentsPerBlock();
        this.chunkBars = spec.chunkBars();
        this.bufferedBars = spec.bufferedBars();
        this.blockKeys = blockKeys;
        this.universe = universe;
        this.timers = timers;
    }

    static StructType schema() {
        List<StructField> f = new ArrayList<>();
        f.add(new StructField(InstrumentStage.BLOCK_KEY, DataTypes.IntegerType, false, Metadata.empty()));
        f.add(new StructField("bars", DataTypes.IntegerType, false, Metadata.empty()));
        f.add(new StructField("id", DataTypes.BinaryType, false, Metadata.empty()));
        f.add(new StructField("bar", DataTypes.BinaryType, false, Metadata.empty()));
        for (String v : BarInput.VALUES) {
            f.add(new StructField(v, DataTypes.BinaryType, false, Metadata.empty()));
        }
        f.add(new StructField("nulls", DataTypes.BinaryType, false, Metadata.empty()));
        return new StructType(f.toArray(StructField[]::new));
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        return new Chunks(instrumentsPerBlock, chunkBars, bufferedBars, blockKeys, universe.value(), rows, timers);
    }

    /** The symbols in UTF-8 byte order with their ids (ranks in {@link String#compareTo} order). */
    private record SymbolIndex(UTF8String[] sorted, int[] ids) {
        static SymbolIndex of(String[] symbols) {
            Integer[] order = new Integer[symbols.length];
            UTF8String[] utf = new UTF8String[symbols.length];
            for (int k = 0; k < symbols.length; k++) {
                order[k] = k;
                utf[k] = UTF8String.fromString(symbols[k]);
            }
            Arrays.sort(order, (a, b) -> utf[a].compareTo(utf[b]));
            UTF8String[] sorted = new UTF8String[symbols.length];
            int[] ids = new int[symbols.length];
            for (int k = 0; k < symbols.length; k++) {
                sorted[k] = utf[order[k]];
                ids[k] = order[k];
            }
            return new SymbolIndex(sorted, ids);
        }

        int id(UTF8String s) {
            int k = Arrays.binarySearch(sorted, s);
            if (k < 0) {
                throw new IllegalStateException("a symbol outside the universe: " + s);
            }
            return ids[k];
        }
    }

    private static final class Chunks implements Iterator<InternalRow> {
        private final int ipb;
        private final int[] blockKeys;
        private final long[] calendar;
        private final SymbolIndex symbols;
        private final Iterator<InternalRow> in;
        private final Buffer[] buffers;
        private final ArrayDeque<Integer> ready = new ArrayDeque<>();
        private final SpecificInternalRow out = new SpecificInternalRow(schema());
        private int buffered;
        private UTF8String lastSymbol;
        private int lastId;
        private final TaskTimers timers;

        private final int chunkBars;
        private final int bufferedBars;

        Chunks(int ipb, int chunkBars, int bufferedBars, int[] blockKeys, Universe universe, Iterator<InternalRow> in,
               TaskTimers timers) {
            this.timers = timers;
            this.chunkBars = chunkBars;
            this.bufferedBars = bufferedBars;
            this.ipb = ipb;
            this.blockKeys = blockKeys;
            this.calendar = universe.calendarMillis();
            this.symbols = SymbolIndex.of(universe.symbols());
            this.in = in;
            this.buffers = new Buffer[blockKeys.length];
        }

        @Override
        public boolean hasNext() {
            if (!ready.isEmpty()) {
                return true;
            }
            long t0 = TaskTimers.cpuNanos();
            fill();
            timers.inputChunks().add(TaskTimers.cpuNanos() - t0);
            return !ready.isEmpty();
        }

        /** Reads input until a buffer is full, the task holds too many bars, or the input ends. */
        private void fill() {
            while (in.hasNext()) {
                InternalRow r = in.next();
                int id = id(r.getUTF8String(0));
                long millis = r.getLong(1);
                int t = Arrays.binarySearch(calendar, millis);
                if (t < 0) {
                    throw new IllegalStateException("timestamp not in the calendar, millis=" + millis);
                }
                int block = id / ipb;
                Buffer b = buffers[block];
                if (b == null) {
                    b = buffers[block] = new Buffer(chunkBars);
                }
                b.add(id, t, r);
                buffered++;
                if (b.size == chunkBars) {
                    ready.add(block);
                    return;
                }
                if (buffered >= bufferedBars) {
                    readyAll();
                    return;
                }
            }
            readyAll();
        }

        private void readyAll() {
            for (int k = 0; k < buffers.length; k++) {
                if (buffers[k] != null && buffers[k].size > 0) {
                    ready.add(k);
                }
            }
        }

        private int id(UTF8String s) {
            if (!s.equals(lastSymbol)) {
                lastId = symbols.id(s);
                lastSymbol = s.clone();  // Spark reuses the row's bytes
            }
            return lastId;
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long t0 = TaskTimers.cpuNanos();
            int block = ready.poll();
            Buffer b = buffers[block];
            int n = b.size;
            out.setInt(BLOCK_KEY, blockKeys[block]);
            out.setInt(BARS, n);
            out.update(IDS, ints(b.ids, n));
            out.update(BAR_INDICES, ints(b.bars, n));
            for (int k = 0; k < 5; k++) {
                out.update(VALUES + k, Chunk.bytes(b.values[k], 0, n));
            }
            out.update(NULLS, Arrays.copyOf(b.nulls, n));
            buffered -= n;
            b.size = 0;
            timers.inputChunks().add(TaskTimers.cpuNanos() - t0);
            return out;
        }

        private static byte[] ints(int[] v, int n) {
            byte[] out = new byte[n * Integer.BYTES];
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(v, 0, n);
            return out;
        }
    }

    /** The bars of one block not emitted yet (grows to the chunk size). */
    private static final class Buffer {
        private final int limit;
        int size;
        int[] ids;
        int[] bars;
        double[][] values;
        byte[] nulls;

        Buffer(int limit) {
            this.limit = limit;
            int cap = Math.min(256, limit);
            ids = new int[cap];
            bars = new int[cap];
            values = new double[5][cap];
            nulls = new byte[cap];
        }

        void add(int id, int t, InternalRow r) {
            if (size == ids.length) {
                int cap = Math.min(limit, size * 2);
                ids = Arrays.copyOf(ids, cap);
                bars = Arrays.copyOf(bars, cap);
                for (int k = 0; k < 5; k++) {
                    values[k] = Arrays.copyOf(values[k], cap);
                }
                nulls = Arrays.copyOf(nulls, cap);
            }
            ids[size] = id;
            bars[size] = t;
            int mask = 0;
            for (int k = 0; k < 5; k++) {
                boolean isNull = r.isNullAt(2 + k);
                values[k][size] = isNull ? Double.NaN : r.getDouble(2 + k);
                mask |= isNull ? 1 << k : 0;
            }
            nulls[size] = (byte) mask;
            size++;
        }
    }

    /** Decodes one record into the block's builder. */
    static void addTo(BlockBuilder builder, InternalRow chunk, int block, int ipb) {
        int n = chunk.getInt(BARS);
        var ids = ByteBuffer.wrap(chunk.getBinary(IDS)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        var bars = ByteBuffer.wrap(chunk.getBinary(BAR_INDICES)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        java.nio.DoubleBuffer[] v = new java.nio.DoubleBuffer[5];
        for (int k = 0; k < 5; k++) {
            v[k] = ByteBuffer.wrap(chunk.getBinary(VALUES + k)).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        }
        byte[] nulls = chunk.getBinary(NULLS);
        if (ids.capacity() != n || bars.capacity() != n || nulls.length != n) {
            throw new IllegalStateException("a bar chunk of " + n + " bars with arrays of other lengths");
        }
        for (int j = 0; j < n; j++) {
            int id = ids.get(j);
            if (id / ipb != block) {
                throw new IllegalStateException("a bar of another instrument block in this task, id=" + id + " block=" + block);
            }
            builder.addAt(id, bars.get(j), v[0].get(j), v[1].get(j), v[2].get(j), v[3].get(j), v[4].get(j), nulls[j] != 0);
        }
    }
}
