package io.vectrade.signal;

/**
 * The parameters of one stage of a {@link SignalChain}, for backends that run the policies
 * elsewhere (the cuda backend runs them on the GPU with the same semantics). Immutable.
 */
public sealed interface SignalStage {

    /** {@link ThresholdPolicy}: entry and exit levels, and the position size. */
    record Threshold(double longEntry, double exit, double shortEntry, double cover, double size) implements SignalStage {
    }

    /** {@link RankPolicy}: {@code top}/{@code bottom} counts, or {@code quantile} (NaN when counts are used). */
    record Rank(int top, int bottom, double quantile) implements SignalStage {
    }

    /** {@link VolTargetPolicy}: {@code scale = target / sqrt(periods)} multiplies weight / volatility. */
    record VolTarget(double target, double periods, double scale) implements SignalStage {
    }

    /** {@link CapsPolicy}: per-name, gross and net caps (infinite when not set). */
    record Caps(double max, double gross, double net) implements SignalStage {
    }
}
