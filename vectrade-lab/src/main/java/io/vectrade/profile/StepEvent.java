package io.vectrade.profile;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One step of a {@code vectrade profile} schedule; its phase is {@code warmup} or {@code active}.
 * Only events inside active steps enter the profile's tables.
 */
@Name("io.vectrade.ProfileStep")
@Label("vectrade Profile Step")
@Category({"vectrade", "Profile"})
@StackTrace(false)
public final class StepEvent extends jdk.jfr.Event {
    @Label("Step")
    public int step;

    @Label("Phase")
    public String phase;
}
