package io.vectrade.cuda;

import io.vectrade.signal.SignalStage;

import java.util.List;

/**
 * The kernel launches of one signal stage (the kernels of {@code pipeline.cuh}) over bars
 * {@code [from, from + count)}, {@code count <= 65,535} (CUDA's grid y limit): the argument order
 * of each kernel lives here alone, for the batch pipeline ({@link CudaPipeline}, one range after
 * another) and the live engine ({@link CudaLiveEngine}, one bar, prepared once).
 *
 * @param scores   device column of scores {@code [bars * N]}
 * @param vol      device column of the volatility feature, or 0 when no stage reads it
 * @param state    threshold state, N bytes
 * @param side     frame sides, {@code [bars * N]} bytes
 * @param strength frame strengths
 * @param weight   frame weights
 * @param capParts caps' block totals, 2 doubles per block of 32 instruments per bar
 * @param capSums  caps' bar totals, 2 doubles per bar
 */
record SignalLaunches(String suffix, int instruments, long scores, long vol, long state, long side, long strength,
                      long weight, long capParts, long capSums) {
    static final int BLOCK = 128;
    static final int MAX_GRID_Y = 65_535;

    /** One launch: kernel {@code name} on a {@code gridX × gridY} grid of {@link #BLOCK} threads. */
    record Launch(String name, int gridX, int gridY, Object[] args) {
    }

    /** Blocks of 32 instruments the caps totals are summed over (as {@code CapsPolicy}). */
    static int capBlocks(int instruments) {
        return (instruments + 31) / 32;
    }

    /** The launch that clears the threshold state (a fresh policy). */
    Launch thresholdReset() {
        return new Launch("vt_threshold_reset_" + suffix, grid(instruments), 1, new Object[] {state, instruments});
    }

    /** The launches of {@code stage} over bars {@code [from, from + count)}, in order. */
    List<Launch> of(SignalStage stage, int from, int count) {
        int n = instruments;
        return switch (stage) {
            case SignalStage.Threshold t -> List.of(new Launch("vt_threshold_" + suffix, grid(n), 1, new Object[] {
                    scores, state, side, strength, weight, n, from, from + count, t.longEntry(), t.exit(),
                    t.shortEntry(), t.cover(), t.size()}));
            case SignalStage.Rank r -> List.of(new Launch("vt_rank_" + suffix, grid(n), count, new Object[] {
                    scores, side, strength, weight, n, from, r.top(), r.bottom(),
                    Double.isNaN(r.quantile()) ? -1.0 : r.quantile()}));
            case SignalStage.VolTarget v -> List.of(new Launch("vt_voltarget_" + suffix, grid(n), count, new Object[] {
                    vol, side, strength, weight, n, from, v.scale()}));
            case SignalStage.Caps c -> List.of(
                    new Launch("vt_caps_blocks_" + suffix, grid(capBlocks(n)), count, new Object[] {
                            weight, capParts, n, from, c.max()}),
                    new Launch("vt_caps_sums", grid(count), 1, new Object[] {capParts, capSums, n, from, from + count}),
                    new Launch("vt_caps_" + suffix, grid(n), count, new Object[] {
                            weight, side, strength, capSums, n, from, c.max(), c.gross(), c.net()}));
        };
    }

    private static int grid(int threads) {
        return (threads + BLOCK - 1) / BLOCK;
    }
}
