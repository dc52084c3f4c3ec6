package io.vectrade.cli;

import io.vectrade.signal.SignalChain;
import picocli.CommandLine.Option;

/**
 * {@code --policy CHAIN}, the same default in every command: the cross-sectional
 * {@code rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)} (the bench's) with 10 or more instruments, else {@code threshold}.
 */
final class PolicyOption {
    static final String CROSS_SECTIONAL = io.vectrade.bench.BenchModel.DEFAULT_POLICY;
    static final String DEFAULT_DESCRIPTION = CROSS_SECTIONAL + " with 10 or more instruments, else threshold";

    @Option(names = "--policy", paramLabel = "CHAIN",
            description = "Signal policy chain, e.g. \"rank(top=10,bottom=10) | voltarget(target=0.1) | caps(max=0.05,gross=1)\""
                    + " (default: " + DEFAULT_DESCRIPTION + ").")
    String policy;

    /** The chain's text for a panel of {@code instruments}. */
    String spec(int instruments) {
        return policy != null ? policy : defaultPolicy(instruments);
    }

    SignalChain chain(int instruments) {
        return SignalChain.parse(spec(instruments));
    }

    /** The policy when none is given: a cross-sectional rank with 10 or more instruments, else threshold. */
    static String defaultPolicy(int instruments) {
        return instruments >= 10 ? CROSS_SECTIONAL : "threshold";
    }
}
