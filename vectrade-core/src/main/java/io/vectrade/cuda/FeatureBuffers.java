package io.vectrade.cuda;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureType;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The device and pinned buffers, streams and events of one panel shape and feature set, allocated
 * together and freed together; a {@link CudaFeatureEngine} keeps them between calls while the shape
 * stays the same. Owner thread only.
 */
final class FeatureBuffers {
    private final DeviceApi device;
    private final DeviceMemory memory;
    private final CudaFeatureEngine.Precision precision;

    int bars;
    int instruments;
    FeatureSet features;
    int scanChunks;
    long[] streams;
    long copyStream;
    long[] events;
    /** Recorded when feature f's columns are final, for its downloads. */
    long[] featureEvents;
    /** Which of open, high, low, close, volume the feature set reads (close always). */
    boolean[] needed;
    /** Slot of input column c in {@link #hostIn}, -1 when not needed. */
    int[] hostSlot;
    long[] raw;        // open, high, low, close, volume on the panel's calendar (0: not needed)
    long[] compact;    // the same compacted per instrument (gap case), else == raw
    long rank;         // int [bars * N], calendar layout: compact index of bar t, -1 if missing (gap case)
    long gatherCounts; // int [scanChunks * N]: bars per chunk, then first compact index (chunked gather)
    long lengths;      // int [N]
    long[] columns;    // outputs, compact layout
    long[] full;       // outputs on the calendar (gap case)
    long scratch;      // stoch fast %K
    /**
     * Scan carries by compute stream (0 where no scanned feature runs there): features of one
     * stream run in order, so they share it; 3 states × chunks × N values of 8 bytes.
     */
    long[] scanEnds;
    long adxDx;        // ADX scan: DX per bar (0 unless ADX is scanned)
    MemorySegment hostIn;
    MemorySegment hostOut;
    MemorySegment hostLengths;
    /** Whether the last panel had missing bars (outputs then in {@link #full}). */
    boolean gaps;
    /** Every device buffer of this shape, freed together. */
    final java.util.List<Long> owned = new java.util.ArrayList<>();

    /** Allocates everything {@code features} over {@code bars × n} needs (owner thread). */
    FeatureBuffers(DeviceApi device, DeviceMemory memory, FeatureLaunchPlan plan, CudaFeatureEngine.Precision precision,
                   int bars, int n, FeatureSet features) {
        this.device = device;
        this.memory = memory;
        this.precision = precision;
        try {
            allocate(plan, bars, n, features);
        } catch (RuntimeException | Error e) {
            release();  // what was made before the failure
            throw e;
        }
    }

    private void allocate(FeatureLaunchPlan plan, int bars, int n, FeatureSet features) {
        this.bars = bars;
        this.instruments = n;
        this.features = features;
        long cells = (long) bars * n;
        long colBytes = cells * precision.bytes;
        this.streams = new long[FeatureStreams.STREAMS];
        for (int k = 0; k < FeatureStreams.STREAMS; k++) {
            this.streams[k] = device.createStream();
        }
        this.copyStream = device.createStream();
        this.events = new long[CudaFeatureEngine.EVENT_JOIN + FeatureStreams.STREAMS];
        for (int k = 0; k < this.events.length; k++) {
            this.events[k] = device.createEvent();
        }
        this.featureEvents = new long[features.size()];
        for (int k = 0; k < this.featureEvents.length; k++) {
            this.featureEvents[k] = device.createEvent();
        }
        this.needed = neededInputs(features);
        this.hostSlot = new int[5];
        this.raw = new long[5];
        this.compact = new long[5];
        int slots = 0;
        for (int c = 0; c < 5; c++) {
            this.hostSlot[c] = this.needed[c] ? slots++ : -1;
            this.raw[c] = this.needed[c] ? alloc(colBytes) : 0;
        }
        this.lengths = alloc(4L * n);
        this.columns = new long[features.columns()];
        this.full = new long[features.columns()];
        for (int c = 0; c < this.columns.length; c++) {
            this.columns[c] = alloc(colBytes);
        }
        boolean stoch = features.specs().stream().anyMatch(s -> s.type() == FeatureType.STOCH);
        this.scratch = stoch ? alloc(colBytes) : 0;
        this.scanChunks = plan.scanChunks(bars, n);
        this.scanEnds = new long[FeatureStreams.STREAMS];
        if (this.scanChunks > 0) {
            for (FeatureSpec spec : features.specs()) {
                int st = FeatureStreams.of(spec.type());
                if (plan.scanned(spec.type()) && this.scanEnds[st] == 0) {
                    this.scanEnds[st] = alloc(3L * this.scanChunks * n * 8);
                }
            }
            boolean adx = features.specs().stream().anyMatch(s -> s.type() == FeatureType.ADX);
            this.adxDx = adx ? alloc(colBytes) : 0;
        }
        this.hostIn = memory.allocHost(slots * colBytes);
        this.hostOut = memory.allocHost(features.columns() * colBytes);
        this.hostLengths = memory.allocHost(4L * n);
        for (int i = 0; i < n; i++) {
            this.hostLengths.setAtIndex(JAVA_INT, i, bars);
        }
    }

    /** True when these buffers were made for this shape and feature set. */
    boolean fit(int bars, int n, FeatureSet features) {
        return this.bars == bars && this.instruments == n && this.features.equals(features);
    }

    private long alloc(long bytes) {
        long p = memory.alloc(bytes);
        owned.add(p);
        return p;
    }

    /** Gap case only: compacted inputs, calendar ranks and calendar outputs, allocated once. */
    void ensureGapBuffers() {
        if (this.rank != 0) {
            return;
        }
        long cells = (long) this.bars * this.instruments;
        long colBytes = cells * precision.bytes;
        for (int c = 0; c < 5; c++) {
            this.compact[c] = this.needed[c] ? alloc(colBytes) : 0;
        }
        this.rank = alloc(4L * cells);
        this.gatherCounts = this.scanChunks > 0 ? alloc(4L * this.scanChunks * this.instruments) : 0;
        for (int c = 0; c < this.full.length; c++) {
            this.full[c] = alloc(colBytes);
        }
    }

    /** Frees every device and pinned buffer, stream and event made so far (owner thread). */
    void release() {
        for (long p : owned) {
            memory.free(p);
        }
        owned.clear();
        for (MemorySegment h : new MemorySegment[] {hostIn, hostOut, hostLengths}) {
            if (h != null) {
                memory.freeHost(h);
            }
        }
        hostIn = hostOut = hostLengths = null;
        destroy(events, true);
        destroy(featureEvents, true);
        destroy(streams, false);
        if (copyStream != 0) {
            device.destroyStream(copyStream);
            copyStream = 0;
        }
    }

    private void destroy(long[] handles, boolean events) {
        if (handles == null) {
            return;
        }
        for (int k = 0; k < handles.length; k++) {
            if (handles[k] != 0) {
                if (events) {
                    device.destroyEvent(handles[k]);
                } else {
                    device.destroyStream(handles[k]);
                }
                handles[k] = 0;
            }
        }
    }

    static final int OPEN = 0;
    static final int HIGH = 1;
    static final int LOW = 2;
    static final int CLOSE = 3;
    static final int VOLUME = 4;

    /**
     * The panel columns {@code features} read, indexed open, high, low, close, volume: close
     * always; high and low for atr, stoch, willr, cci, adx, vwap; volume for obv and vwap; open never.
     */
    static boolean[] neededInputs(FeatureSet features) {
        boolean[] needed = new boolean[5];
        needed[CLOSE] = true;
        for (FeatureSpec s : features.specs()) {
            switch (s.type()) {
                case ATR, STOCH, WILLR, CCI, ADX -> {
                    needed[HIGH] = true;
                    needed[LOW] = true;
                }
                case VWAP -> {
                    needed[HIGH] = true;
                    needed[LOW] = true;
                    needed[VOLUME] = true;
                }
                case OBV -> needed[VOLUME] = true;
                default -> {
                    // close only
                }
            }
        }
        return needed;
    }
}
