package io.vectrade.events;

import jdk.jfr.EventType;

import java.lang.management.ManagementFactory;

/**
 * Always-on stage instrumentation. When no JFR recording has the stage event enabled, {@link #begin}
 * is one cheap settings check and returns null, and nothing is allocated; inside a recording it
 * allocates one event per stage. Usage:
 * <pre>
 * StageEvent e = Stages.begin("features");
 * engine.computeInto(panel, set, table);
 * Stages.end(e, backend, panel.instruments(), panel.bars());
 * </pre>
 * Thread-safe.
 */
public final class Stages {
    private static final EventType STAGE = EventType.getEventType(StageEvent.class);
    private static final EventType TICK = EventType.getEventType(TickEvent.class);
    private static final EventType DEVICE = EventType.getEventType(DeviceStageEvent.class);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Stages() {
    }

    /** Starts a stage event, or returns null when no recording wants it. */
    public static StageEvent begin(String stage) {
        if (!STAGE.isEnabled()) {
            return null;
        }
        StageEvent e = new StageEvent();
        e.stage = stage;
        e.bytes = THREADS.getCurrentThreadAllocatedBytes();
        e.begin();
        return e;
    }

    /** Ends and commits a stage started by {@link #begin}; a null event is ignored. */
    public static void end(StageEvent e, String backend, int instruments, int bars) {
        if (e == null) {
            return;
        }
        e.end();
        e.backend = backend;
        e.instruments = instruments;
        e.bars = bars;
        e.bytes = THREADS.getCurrentThreadAllocatedBytes() - e.bytes;
        e.commit();
    }

    /** Starts a tick event, or returns null when no recording wants it. */
    public static TickEvent beginTick() {
        if (!TICK.isEnabled()) {
            return null;
        }
        TickEvent e = new TickEvent();
        e.begin();
        return e;
    }

    /** Ends and commits a tick started by {@link #beginTick}; a null event is ignored. */
    public static void endTick(TickEvent e, String backend, int instruments, long tick) {
        if (e == null) {
            return;
        }
        e.end();
        e.backend = backend;
        e.instruments = instruments;
        e.tick = tick;
        e.commit();
    }

    /** True when a recording wants device stage times (callers skip preparing them otherwise). */
    public static boolean deviceStagesEnabled() {
        return DEVICE.isEnabled();
    }

    /** Records the device time of one part of a GPU call ({@code upload}, {@code kernels} ...). */
    public static void deviceStage(String stage, double deviceMillis) {
        if (!DEVICE.isEnabled()) {
            return;
        }
        DeviceStageEvent e = new DeviceStageEvent();
        e.stage = stage;
        e.deviceNanos = Math.round(deviceMillis * 1e6);
        e.commit();
    }
}
