package io.vectrade.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * One row of the targets table: a target, the value measured against it and the outcome.
 * Immutable.
 *
 * @param target         e.g. {@code latency.feature_calculation} or {@code config.max_latency}
 * @param backend        backend id
 * @param workload       workload the actual value comes from
 * @param unit           {@code ns}, {@code bytes} or {@code per_s}
 * @param higherIsBetter true when the actual must reach the limit from above (rates)
 * @param limit          the target
 * @param actual         measured value, null when not measured
 * @param status         outcome
 * @param note           how the actual value was obtained, or why it was not measured
 */
public record Verdict(String target, String backend, String workload, String unit, boolean higherIsBetter,
                      double limit, Double actual, Status status, String note) {

    /** Outcome of a target. */
    public enum Status {
        PASS, FAIL,
        /** The stage or metric does not exist yet (or its cell failed): reported, never a failure. */
        NOT_MEASURED,
        /** Measured, but on another workload than the one the target is defined for: reported, never a failure. */
        NOT_JUDGED
    }

    /** A verdict computed from {@code actual}: PASS when within the limit. */
    public static Verdict of(String target, String backend, String workload, String unit, boolean higherIsBetter,
                             double limit, double actual, String note) {
        boolean pass = higherIsBetter ? actual >= limit : actual <= limit;
        return new Verdict(target, backend, workload, unit, higherIsBetter, limit, actual,
                pass ? Status.PASS : Status.FAIL, note);
    }

    /** A target that could not be measured, with the reason. */
    public static Verdict notMeasured(String target, String backend, String unit, boolean higherIsBetter,
                                      double limit, String why) {
        return new Verdict(target, backend, "-", unit, higherIsBetter, limit, null, Status.NOT_MEASURED, why);
    }

    /**
     * Headroom as a fraction of the limit: positive when the target is met ({@code 0.25} = 25% to
     * spare), negative when missed; null when not measured.
     */
    @JsonProperty("margin")
    public Double margin() {
        if (actual == null) {
            return null;
        }
        return higherIsBetter ? (actual - limit) / limit : (limit - actual) / limit;
    }

    /** {@code +25.0%}, or {@code -} when not measured. */
    public String marginText() {
        Double m = margin();
        return m == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * m);
    }
}
