package io.vectrade.signal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A chain of signal stages, e.g. {@code rank(top=10,bottom=10) | voltarget(target=0.1) | caps(max=0.05,gross=1,net=0.2)}:
 * one generator ({@code threshold} or {@code rank}) first, then any transforms ({@code voltarget},
 * {@code caps}) in order.
 *
 * <p>Stages and their parameters (defaults in brackets):
 * <ul>
 *   <li>{@code threshold(long[0.55], exit[0.5], short[0.45], cover[0.5], size[1])} — see {@link ThresholdPolicy};
 *       {@code short=none} turns shorts off;</li>
 *   <li>{@code rank(top, bottom)} (a side left out picks none) or {@code rank(quantile[0.1])} — see {@link RankPolicy};</li>
 *   <li>{@code voltarget(target[0.1], periods[252])} — see {@link VolTargetPolicy};</li>
 *   <li>{@code caps(max, gross, net)} (each infinite unless given, {@code none} too) — see {@link CapsPolicy}.</li>
 * </ul>
 * Not thread-safe (stages keep state and scratch); allocation-free per call after the first.
 */
public final class SignalChain implements SignalPolicy {
    private final SignalPolicy[] stages;

    private SignalChain(List<SignalPolicy> stages) {
        this.stages = stages.toArray(SignalPolicy[]::new);
    }

    /**
     * Parses a chain.
     *
     * @throws IllegalArgumentException naming the stage and parameter at fault and listing valid ones
     */
    public static SignalChain parse(String text) {
        return of(PolicyParser.parseChain(text));
    }

    /** A chain of built stages ({@link Policies}): a generator first, then transforms. */
    static SignalChain of(List<SignalPolicy> list) {
        if (!list.get(0).generator()) {
            throw new IllegalArgumentException("a signal policy must start with threshold or rank, first=" + list.get(0).spec());
        }
        for (int k = 1; k < list.size(); k++) {
            if (list.get(k).generator()) {
                throw new IllegalArgumentException("only the first stage may be threshold or rank, stage=" + list.get(k).spec());
            }
        }
        return new SignalChain(list);
    }

    @Override
    public void apply(double[] scores, double[] volatility, int fromBar, int toBar, SignalFrame frame) {
        for (SignalPolicy p : stages) {
            p.apply(scores, volatility, fromBar, toBar, frame);
        }
    }

    /** Applies to every bar of the frame. */
    public void apply(double[] scores, double[] volatility, SignalFrame frame) {
        apply(scores, volatility, 0, frame.bars(), frame);
    }

    @Override
    public boolean generator() {
        return true;
    }

    @Override
    public boolean needsVolatility() {
        for (SignalPolicy p : stages) {
            if (p.needsVolatility()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the state the chain carries from one bar to the next (threshold's side per instrument;
     * the other stages carry none), for {@link #restore} into a chain of the same spec.
     */
    public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        out.writeUTF(spec());
        for (SignalPolicy p : stages) {
            if (p instanceof ThresholdPolicy t) {
                t.writeState(out);
            }
        }
    }

    /**
     * Replaces the carried state with one written by {@link #snapshot}.
     *
     * @throws IllegalArgumentException for a snapshot of another chain
     */
    public void restore(java.io.DataInput in) throws java.io.IOException {
        String s = in.readUTF();
        if (!s.equals(spec())) {
            throw new IllegalArgumentException("snapshot of another policy, snapshot=" + s + " engine=" + spec());
        }
        for (SignalPolicy p : stages) {
            if (p instanceof ThresholdPolicy t) {
                t.readState(in);
            }
        }
    }

    @Override
    public void reset() {
        for (SignalPolicy p : stages) {
            p.reset();
        }
    }

    /**
     * True when every stage works bar by bar with no state carried from one bar to the next (rank,
     * voltarget, caps; not threshold): disjoint ranges of bars may then run on separate copies of the
     * chain at the same time and give the same frame.
     */
    public boolean perBar() {
        for (SignalPolicy p : stages) {
            if (p instanceof ThresholdPolicy) {
                return false;
            }
        }
        return true;
    }

    /** The parameters of every stage, in order (the generator first). */
    public java.util.List<SignalStage> stages() {
        return java.util.Arrays.stream(stages).map(SignalChain::describe).toList();
    }

    private static SignalStage describe(SignalPolicy p) {
        return switch (p) {
            case ThresholdPolicy t -> t.describe();
            case RankPolicy r -> r.describe();
            case VolTargetPolicy v -> v.describe();
            case CapsPolicy c -> c.describe();
            default -> throw new IllegalStateException("unknown signal stage, stage=" + p.spec());
        };
    }

    /** The stages themselves, in order (the backing array: package use, never written). */
    SignalPolicy[] stagePolicies() {
        return stages;
    }

    /** Number of stages. */
    public int size() {
        return stages.length;
    }

    @Override
    public String spec() {
        return java.util.Arrays.stream(stages).map(SignalPolicy::spec).collect(Collectors.joining(" | "));
    }

    @Override
    public String toString() {
        return spec();
    }
}
