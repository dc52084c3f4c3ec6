package io.vectrade.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Device time of one part of a GPU call (upload, kernels, download, the whole device span),
 * measured with CUDA events. Committed when the host reads the events, so the event's own
 * timestamp is the host time at which the device work was known to be done.
 */
@Name("io.vectrade.DeviceStage")
@Label("vectrade Device Stage")
@Category({"vectrade", "GPU"})
@Description("Device time of a part of a GPU call, from CUDA events")
@StackTrace(false)
public final class DeviceStageEvent extends jdk.jfr.Event {
    @Label("Stage")
    public String stage;

    @Label("Device Time")
    @Timespan(Timespan.NANOSECONDS)
    public long deviceNanos;
}
