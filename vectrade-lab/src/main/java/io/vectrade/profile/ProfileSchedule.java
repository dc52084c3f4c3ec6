package io.vectrade.profile;

/**
 * When a profile records, like PyTorch's profiler schedule: each of {@code repeat} cycles runs
 * {@code waitSteps} steps that are not analysed, {@code warmupSteps} steps that are marked but not analysed,
 * then {@code activeSteps} steps whose events make the profile.
 *
 * @param waitSteps   steps skipped at the start of each cycle, &ge; 0
 * @param warmupSteps steps run and marked {@code warmup}, &ge; 0
 * @param activeSteps steps analysed, &ge; 1
 * @param repeat cycles, &ge; 1
 */
public record ProfileSchedule(int waitSteps, int warmupSteps, int activeSteps, int repeat) {
    public ProfileSchedule {
        if (waitSteps < 0 || warmupSteps < 0) {
            throw new IllegalArgumentException("wait and warmup must be >= 0, wait=" + waitSteps + " warmup=" + warmupSteps);
        }
        if (activeSteps < 1 || repeat < 1) {
            throw new IllegalArgumentException("active and repeat must be >= 1, active=" + activeSteps + " repeat=" + repeat);
        }
    }

    /** Total number of steps the schedule runs. */
    @Override
    public String toString() {
        return "wait=" + waitSteps + " warmup=" + warmupSteps + " active=" + activeSteps + " repeat=" + repeat;
    }

    public int totalSteps() {
        return (waitSteps + warmupSteps + activeSteps) * repeat;
    }
}
