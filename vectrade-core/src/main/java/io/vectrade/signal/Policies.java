package io.vectrade.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Signal policies built in code, the typed twin of {@link SignalChain#parse}: the same stages, the
 * same defaults, the same checks, and {@link SignalChain#spec()} gives the text form back.
 *
 * <pre>
 * SignalChain chain = Policies.rank().quantile(0.1)
 *         .then(Policies.volTarget(0.1))
 *         .then(Policies.caps().max(0.05).gross(1))
 *         .build();                      // == SignalChain.parse("rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)")
 * SignalChain live = Policies.threshold().longAbove(0.6).shortBelow(0.4).build();
 * </pre>
 *
 * The builders are immutable values (each setter returns a new one) and thread-safe; a built chain is
 * not (stages keep state and scratch): build one per pipeline or engine. Parameters are checked when
 * the chain is built, with the messages of the text form.
 */
public final class Policies {
    private Policies() {
    }

    /** {@code rank(quantile=0.1)}: long the top and short the bottom decile of each bar's scores. */
    public static Rank rank() {
        return new Rank(0, 0, 0.1);
    }

    /** {@code threshold}: long above 0.55 until below 0.5, short below 0.45 until above 0.5, size 1. */
    public static Threshold threshold() {
        return new Threshold(0.55, 0.5, 0.45, 0.5, 1);
    }

    /** {@code voltarget(target, periods=252)}: weights scaled to an annualised volatility target. */
    public static VolTarget volTarget(double target) {
        return new VolTarget(target, 252);
    }

    /** {@code caps}: no cap until one is set. */
    public static Caps caps() {
        double inf = Double.POSITIVE_INFINITY;
        return new Caps(inf, inf, inf);
    }

    /** A first stage: decides sides and strengths from the scores. */
    public sealed interface Generator permits Rank, Threshold {
        /** A new policy object with these parameters. */
        SignalPolicy newPolicy();

        /** This stage followed by {@code next}. */
        default Chain then(Transform next) {
            return new Chain(this, List.of()).then(next);
        }

        /** The chain of this stage alone. */
        default SignalChain build() {
            return new Chain(this, List.of()).build();
        }
    }

    /** A later stage: reshapes the weights the stages before it set. */
    public sealed interface Transform permits VolTarget, Caps {
        /** A new policy object with these parameters. */
        SignalPolicy newPolicy();
    }

    /** A generator and the transforms after it, in order. Immutable. */
    public record Chain(Generator generator, List<Transform> transforms) {
        public Chain {
            java.util.Objects.requireNonNull(generator, "generator");
            transforms = List.copyOf(transforms);
        }

        /** This chain followed by {@code next}. */
        public Chain then(Transform next) {
            List<Transform> t = new ArrayList<>(transforms);
            t.add(next);
            return new Chain(generator, t);
        }

        /** A new chain of new policy objects. */
        public SignalChain build() {
            List<SignalPolicy> stages = new ArrayList<>();
            stages.add(generator.newPolicy());
            for (Transform t : transforms) {
                stages.add(t.newPolicy());
            }
            return SignalChain.of(stages);
        }
    }

    /**
     * {@code rank(top, bottom)} or {@code rank(quantile)}: per bar, long the highest and short the
     * lowest scores. {@code quantile} NaN means the counts are used.
     */
    public record Rank(int top, int bottom, double quantile) implements Generator {
        /** Long the {@code n} highest scores of each bar (counts replace a quantile). */
        public Rank top(int n) {
            return new Rank(n, Double.isNaN(quantile) ? bottom : 0, Double.NaN);
        }

        /** Short the {@code n} lowest scores of each bar (counts replace a quantile). */
        public Rank bottom(int n) {
            return new Rank(Double.isNaN(quantile) ? top : 0, n, Double.NaN);
        }

        /** Long the top and short the bottom {@code q} of each bar, in (0, 0.5] (replaces counts). */
        public Rank quantile(double q) {
            return new Rank(0, 0, q);
        }

        @Override
        public SignalPolicy newPolicy() {
            return new RankPolicy(top, bottom, quantile);
        }
    }

    /** {@code threshold(long, exit, short, cover, size)}: sides with hysteresis on the score. */
    public record Threshold(double longEntry, double exit, double shortEntry, double cover, double size)
            implements Generator {
        /** Go long when the score rises above {@code level}. */
        public Threshold longAbove(double level) {
            return new Threshold(level, exit, shortEntry, cover, size);
        }

        /** Leave a long when the score falls below {@code level}. */
        public Threshold exitLongBelow(double level) {
            return new Threshold(longEntry, level, shortEntry, cover, size);
        }

        /** Go short when the score falls below {@code level}. */
        public Threshold shortBelow(double level) {
            return new Threshold(longEntry, exit, level, cover, size);
        }

        /** Leave a short when the score rises above {@code level}. */
        public Threshold coverShortAbove(double level) {
            return new Threshold(longEntry, exit, shortEntry, level, size);
        }

        /** Never short ({@code short=none}). */
        public Threshold noShorts() {
            return new Threshold(longEntry, exit, Double.NEGATIVE_INFINITY, cover, size);
        }

        /** The weight of a position, finite and &gt; 0. */
        public Threshold size(double weight) {
            return new Threshold(longEntry, exit, shortEntry, cover, weight);
        }

        @Override
        public SignalPolicy newPolicy() {
            return new ThresholdPolicy(longEntry, exit, shortEntry, cover, size);
        }
    }

    /** {@code voltarget(target, periods)}: weight × target / (volatility × sqrt(periods)). */
    public record VolTarget(double target, double periods) implements Transform {
        /** Bars per year for the annualisation (252 for daily bars). */
        public VolTarget periods(double barsPerYear) {
            return new VolTarget(target, barsPerYear);
        }

        @Override
        public SignalPolicy newPolicy() {
            return new VolTargetPolicy(target, periods);
        }
    }

    /** {@code caps(max, gross, net)}: per-name, gross and net exposure caps (infinite when unset). */
    public record Caps(double max, double gross, double net) implements Transform {
        /** The largest absolute weight of one instrument. */
        public Caps max(double weight) {
            return new Caps(weight, gross, net);
        }

        /** The largest sum of absolute weights of a bar. */
        public Caps gross(double exposure) {
            return new Caps(max, exposure, net);
        }

        /** The largest absolute sum of signed weights of a bar. */
        public Caps net(double exposure) {
            return new Caps(max, gross, exposure);
        }

        @Override
        public SignalPolicy newPolicy() {
            return new CapsPolicy(max, gross, net);
        }
    }
}
