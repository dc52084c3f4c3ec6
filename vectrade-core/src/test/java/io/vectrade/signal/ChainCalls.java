package io.vectrade.signal;

import java.util.SplittableRandom;

/**
 * Calls of one signal chain on a fixed random frame (12 bars x 100 instruments), as a {@link Runnable}: for
 * allocation tests that load the signal classes afresh, in a class loader of their own, so that the JIT's
 * warm-up of those classes starts from nothing whatever ran before in the JVM. Not thread-safe.
 */
public final class ChainCalls implements Runnable {
    private final SignalChain chain;
    private final double[] scores;
    private final double[] volatility;
    private final SignalFrame frame;

    /** The chain {@code spec} on scores N(0, 0.1) and volatility U(0.01, 0.03) drawn from {@code seed}. */
    public ChainCalls(String spec, long seed) {
        int n = 100;
        int bars = 12;
        SplittableRandom rnd = new SplittableRandom(seed);
        scores = new double[bars * n];
        volatility = new double[bars * n];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = rnd.nextGaussian() * 0.1;
            volatility[i] = 0.01 + 0.02 * rnd.nextDouble();
        }
        chain = SignalChain.parse(spec);
        frame = SignalFrame.allocate(bars, n);
    }

    @Override
    public void run() {
        chain.apply(scores, chain.needsVolatility() ? volatility : null, frame);
    }
}
