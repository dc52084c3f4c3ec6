package io.vectrade.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One tick of the live engine: new bars for {@code instruments} instruments through features, model and signals. */
@Name("io.vectrade.Tick")
@Label("vectrade Live Tick")
@Category({"vectrade", "Live"})
@Description("One tick of the live engine")
@StackTrace(false)
public final class TickEvent extends jdk.jfr.Event {
    @Label("Backend")
    public String backend;

    @Label("Instruments")
    public int instruments;

    @Label("Tick")
    public long tick;
}
