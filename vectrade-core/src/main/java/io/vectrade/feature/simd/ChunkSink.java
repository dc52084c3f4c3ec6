package io.vectrade.feature.simd;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;

/**
 * Takes a {@link SimdFeatureEngine}'s features while they are still in cache, for a consumer that
 * uses them at once (the fused pipeline scores them) instead of reading a full-size table back
 * ({@link SimdFeatureEngine#computeInto(io.vectrade.data.Panel, FeatureSet, FeatureTable, ChunkSink)}).
 *
 * <p>The engine's blocks of up to {@link #BLOCK_WIDTH} instruments are computed on the lane kernels in
 * chunks of {@link #CHUNK_BARS} bars into the part's own {@link #chunkTable}, and each chunk is handed
 * over by {@link #chunk} before the next one overwrites it. A block that takes the reference path
 * (missing bars, fewer instruments than one vector, a feature without a lane kernel, a single series)
 * is computed into the full table as {@code computeInto} does, and handed over whole by {@link #block}
 * (a block whose missing bar shows up after some chunks were handed over is then handed over whole too:
 * the whole block's values are the reference path's, as without a sink).
 *
 * <p>Each method is called on the thread of its {@code part} ({@code 0 <= part < engine.threads()}: part 0
 * is the calling thread), and only for the blocks of that part; different parts are called concurrently.
 */
public interface ChunkSink {
    /** Bars per chunk. */
    int CHUNK_BARS = LaneBlock.CHUNK;
    /** Instruments per block at most. */
    int BLOCK_WIDTH = LaneBlock.WIDTH;

    /**
     * The table part {@code part}'s chunks are written to: the feature set's columns for
     * {@link #CHUNK_BARS} × {@link #BLOCK_WIDTH} cells ({@link #allocateChunkTable}); the same table on every call.
     */
    FeatureTable chunkTable(int part);

    /**
     * Bars {@code [t0, t1)} of instruments {@code [first, first + count)} are in {@code chunkTable(part)}: the
     * value of instrument {@code first + j} at bar {@code t} is at row {@code (t - t0) * BLOCK_WIDTH + j}. A
     * block's chunks come in bar order. Rows of other instruments ({@code j >= count}) hold leftovers.
     */
    void chunk(int part, int first, int count, int t0, int t1);

    /** Instruments {@code [first, first + count)} are in the full table, every bar. */
    void block(int part, int first, int count);

    /** A table that fits {@link #chunkTable}'s contract for {@code features}. */
    static FeatureTable allocateChunkTable(FeatureSet features) {
        return FeatureTable.allocate(features, CHUNK_BARS, BLOCK_WIDTH);
    }
}
