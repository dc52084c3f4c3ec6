package io.vectrade.cli;

import io.vectrade.signal.SignalChain;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --policy CHAIN}, repeatable, for the commands that evaluate several policies over one model run
 * ({@code backtest}, {@code walkforward}); the same default as {@link PolicyOption}. A chain's text holds commas
 * ({@code caps(max=0.05,gross=1)}), so a list is the flag repeated, not a comma list.
 */
final class PolicyListOption {
    @Option(names = "--policy", paramLabel = "CHAIN",
            description = "Signal policy chain, e.g. \"rank(top=10,bottom=10) | caps(max=0.05)\"; repeat it to backtest"
                    + " several policies on the same model scores, one row each (default: " + PolicyOption.DEFAULT_DESCRIPTION + ").")
    List<String> policies;

    /** Whether any --policy was given. */
    boolean given() {
        return policies != null && !policies.isEmpty();
    }

    /** The chains, parsed, in the order given (the default alone when none), for a panel of {@code instruments}. */
    List<SignalChain> chains(int instruments) {
        List<String> texts = given() ? policies : List.of(PolicyOption.defaultPolicy(instruments));
        List<SignalChain> out = new ArrayList<>();
        for (String t : texts) {
            SignalChain c = SignalChain.parse(t);
            for (SignalChain seen : out) {
                if (seen.spec().equals(c.spec())) {
                    throw new UsageException("--policy given twice, policy=" + c.spec());
                }
            }
            out.add(c);
        }
        return out;
    }
}
