package io.vectrade.pipeline;

import io.vectrade.parallel.RowPool;
import io.vectrade.signal.BarwiseChain;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

/**
 * A per-bar signal chain ({@link SignalChain#perBar()}) split over the cores: the bars are cut into
 * one contiguous range per part, and each part applies its own fused copy of the chain
 * ({@link BarwiseChain}: the stages bar by bar, rank from candidates) to its range of the frame. Each
 * bar's cells depend only on that bar, so the frame is the one a single {@link SignalChain} gives, bit
 * for bit, whatever the number of parts. Dispatch allocates nothing
 * ({@link RowPool}). Not thread-safe: one caller at a time; close to stop the workers.
 */
final class ParallelSignals implements AutoCloseable {
    private final BarwiseChain[] chains;
    private final RowPool pool;
    private final RowPool.Job job = this::runBars;
    // the call in flight, read by the workers after the pool's volatile hand-over
    private double[] scores;
    private double[] volatility;
    private SignalFrame frame;

    /**
     * @throws IllegalArgumentException when the chain carries state across bars
     */
    ParallelSignals(SignalChain chain, int parts) {
        if (!chain.perBar()) {
            throw new IllegalArgumentException("the chain carries state across bars, chain=" + chain.spec());
        }
        this.chains = new BarwiseChain[Math.max(1, parts)];
        for (int k = 0; k < chains.length; k++) {
            chains[k] = BarwiseChain.of(chain);
        }
        this.pool = new RowPool(chains.length, "vectrade-signals");
    }

    /** Applies the chain to every bar of {@code out}. */
    void apply(double[] scoreColumn, double[] volatilityColumn, SignalFrame out) {
        scores = scoreColumn;
        volatility = volatilityColumn;
        frame = out;
        try {
            pool.run(job, out.bars());
        } finally {
            scores = null;
            volatility = null;
            frame = null;
        }
    }

    private void runBars(int part, int fromBar, int toBar) {
        if (toBar > fromBar) {
            chains[part].apply(scores, volatility, fromBar, toBar, frame);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
