package io.vectrade.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One pipeline stage ({@code features}, {@code predictions}, {@code signals}, or a whole
 * {@code pipeline} run), shown on JDK Mission Control's timeline the way NVTX ranges show in
 * Nsight. Emitted through {@link Stages}, which costs one enabled-check when no recording runs.
 */
@Name("io.vectrade.Stage")
@Label("vectrade Stage")
@Category({"vectrade", "Pipeline"})
@Description("A stage of the vectrade pipeline")
@StackTrace(false)
public final class StageEvent extends jdk.jfr.Event {
    @Label("Stage")
    public String stage;

    @Label("Backend")
    public String backend;

    @Label("Instruments")
    public int instruments;

    @Label("Bars")
    public int bars;

    @Label("Bytes Allocated")
    @Description("Heap bytes allocated by the calling thread during the stage")
    @DataAmount
    public long bytes;
}
