package io.vectrade.model.train;

/**
 * A time-ordered split of bars: training rows are bars {@code [0, trainEnd)}, then a gap of {@code horizon}
 * bars, then test rows {@code [testStart, testEnd)} with {@code testStart = trainEnd + horizon} and
 * {@code testEnd = bars - horizon} (the last {@code horizon} bars have no label).
 *
 * <p>Why the gap: the label of training bar {@code trainEnd - 1} uses the close of bar
 * {@code trainEnd - 1 + horizon < testStart}, so no training label overlaps any test bar.
 */
public record TimeSplit(int trainEnd, int testStart, int testEnd, int horizon) {

    /**
     * {@code trainEnd = floor(bars · trainFraction)}.
     *
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or either side would be empty
     */
    public static TimeSplit of(int bars, double trainFraction, int horizon) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1), trainFraction=" + trainFraction);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, horizon=" + horizon);
        }
        int trainEnd = (int) Math.floor(bars * trainFraction);
        int testStart = trainEnd + horizon;
        int testEnd = bars - horizon;
        if (trainEnd < 1 || testStart >= testEnd) {
            throw new IllegalArgumentException("too few bars for this split, bars=" + bars + " trainFraction="
                    + trainFraction + " horizon=" + horizon);
        }
        return new TimeSplit(trainEnd, testStart, testEnd, horizon);
    }
}
