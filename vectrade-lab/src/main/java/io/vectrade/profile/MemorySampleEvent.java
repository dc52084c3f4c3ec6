package io.vectrade.profile;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Heap, off-heap and device memory in use, sampled periodically while {@code vectrade profile} records. */
@Name("io.vectrade.MemorySample")
@Label("vectrade Memory Sample")
@Category({"vectrade", "Memory"})
@StackTrace(false)
public final class MemorySampleEvent extends jdk.jfr.Event {
    @Label("Heap Used")
    @DataAmount
    public long heapUsed;

    @Label("Off-heap Used")
    @DataAmount
    public long offHeapUsed;

    @Label("Device Used")
    @DataAmount
    public long deviceUsed;
}
