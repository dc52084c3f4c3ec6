package io.vectrade.testdata;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A suite's prerequisite (g++, Chromium): where it is missing the suite is skipped with the
 * reason, except in CI ({@code CI=true}, set by {@code .ci/run}), where a missing prerequisite
 * fails the run with the reason instead of skipping silently (.ci/run installs them from Debian).
 */
public final class Prerequisites {
    private Prerequisites() {
    }

    /** True in CI ({@code CI=true}). */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (outside CI) or fails (in CI) with {@code reason} unless {@code present}. */
    public static void require(boolean present, String reason) {
        if (present) {
            return;
        }
        if (inCi()) {
            Assertions.fail("CI=true and a prerequisite is missing: " + reason);
        }
        Assumptions.abort(reason + " (skipped; with CI=true this fails)");
    }
}
