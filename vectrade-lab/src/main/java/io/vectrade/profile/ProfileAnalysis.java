package io.vectrade.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code vectrade profile} recording says, restricted to its active steps: method samples
 * (self and total), allocation sites, stage and tick spans, and memory samples. Immutable once read.
 */
public final class ProfileAnalysis {
    /** A span on the timeline: a step, a stage, a tick, or device time of a GPU call (thread id -1). */
    public record Span(String name, String category, long startNanos, long durationNanos, long threadId,
                       Map<String, Object> args) {
    }

    /** Samples of one method: as the top frame (self) and anywhere on the stack (total). */
    public record MethodSamples(String method, long self, long total) {
    }

    /** Sampled allocation weight of one site (top frame) and of the first vectrade frame below it. */
    public record AllocationSite(String site, String caller, long bytes, long samples) {
    }

    /** Total time of all spans with one name. */
    public record SpanTotal(String name, String category, long count, long totalNanos, long maxNanos, long bytes) {
    }

    /** Memory in use at one instant, in bytes; time relative to the recording's first event. */
    public record MemoryPoint(long nanos, long heap, long offHeap, long device) {
    }

    private final long executionSamples;
    private final List<MethodSamples> methods;
    private final List<AllocationSite> allocations;
    private final List<Span> spans;
    private final List<MemoryPoint> memory;

    private ProfileAnalysis(long executionSamples, List<MethodSamples> methods, List<AllocationSite> allocations,
                            List<Span> spans, List<MemoryPoint> memory) {
        this.executionSamples = executionSamples;
        this.methods = methods;
        this.allocations = allocations;
        this.spans = spans;
        this.memory = memory;
    }

    /** Reads a recording written by {@link ProfileRecorder}. */
    public static ProfileAnalysis read(Path jfr) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        List<Instant[]> active = new ArrayList<>();
        Instant origin = null;
        for (RecordedEvent e : events) {
            origin = origin == null || e.getStartTime().isBefore(origin) ? e.getStartTime() : origin;
            if (e.getEventType().getName().equals("io.vectrade.ProfileStep") && "active".equals(e.getString("phase"))) {
                active.add(new Instant[] {e.getStartTime(), e.getEndTime()});
            }
        }
        if (origin == null) {
            origin = Instant.EPOCH;
        }
        Map<String, long[]> methodCounts = new HashMap<>();
        Map<String, long[]> allocationBytes = new HashMap<>();
        Map<String, String> allocationCaller = new HashMap<>();
        List<Span> spans = new ArrayList<>();
        List<MemoryPoint> memory = new ArrayList<>();
        long samples = 0;
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    if (!inside(active, e.getStartTime()) || e.getStackTrace() == null) {
                        continue;
                    }
                    samples++;
                    List<RecordedFrame> frames = e.getStackTrace().getFrames();
                    Set<String> seen = new HashSet<>();
                    for (int k = 0; k < frames.size(); k++) {
                        String m = name(frames.get(k).getMethod());
                        long[] c = methodCounts.computeIfAbsent(m, x -> new long[2]);
                        if (k == 0) {
                            c[0]++;
                        }
                        if (seen.add(m)) {
                            c[1]++;
                        }
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    if (!inside(active, e.getStartTime()) || e.getStackTrace() == null) {
                        continue;
                    }
                    RecordedStackTrace st = e.getStackTrace();
                    if (st.getFrames().isEmpty()) {
                        continue;
                    }
                    RecordedFrame top = st.getFrames().getFirst();
                    String site = name(top.getMethod()) + ":" + top.getLineNumber();
                    long[] c = allocationBytes.computeIfAbsent(site, x -> new long[2]);
                    c[0] += e.getLong("weight");
                    c[1]++;
                    allocationCaller.computeIfAbsent(site, x -> firstVectradeFrame(st));
                }
                case "io.vectrade.Stage", "io.vectrade.Tick", "io.vectrade.ProfileStep", "io.vectrade.DeviceStage" -> {
                    if (!type.equals("io.vectrade.ProfileStep") && !inside(active, e.getStartTime())) {
                        continue;
                    }
                    spans.add(span(e, type, origin));
                }
                case "io.vectrade.MemorySample" -> memory.add(new MemoryPoint(
                        java.time.Duration.between(origin, e.getStartTime()).toNanos(),
                        e.getLong("heapUsed"), e.getLong("offHeapUsed"), e.getLong("deviceUsed")));
                default -> {
                }
            }
        }
        List<MethodSamples> methods = new ArrayList<>();
        methodCounts.forEach((m, c) -> methods.add(new MethodSamples(m, c[0], c[1])));
        methods.sort(Comparator.comparingLong(MethodSamples::self).reversed()
                .thenComparing(Comparator.comparingLong(MethodSamples::total).reversed())
                .thenComparing(MethodSamples::method));
        List<AllocationSite> sites = new ArrayList<>();
        allocationBytes.forEach((s, c) -> sites.add(new AllocationSite(s, allocationCaller.get(s), c[0], c[1])));
        sites.sort(Comparator.comparingLong(AllocationSite::bytes).reversed().thenComparing(AllocationSite::site));
        spans.sort(Comparator.comparingLong(Span::startNanos));
        memory.sort(Comparator.comparingLong(MemoryPoint::nanos));
        return new ProfileAnalysis(samples, List.copyOf(methods), List.copyOf(sites), List.copyOf(spans), List.copyOf(memory));
    }

    private static Span span(RecordedEvent e, String type, Instant origin) {
        Map<String, Object> args = new LinkedHashMap<>();
        String name;
        String category;
        switch (type) {
            case "io.vectrade.Stage" -> {
                name = e.getString("stage");
                category = "stage";
                args.put("backend", e.getString("backend"));
                args.put("instruments", e.getInt("instruments"));
                args.put("bars", e.getInt("bars"));
                args.put("bytes", e.getLong("bytes"));
            }
            case "io.vectrade.Tick" -> {
                name = "tick";
                category = "tick";
                args.put("backend", e.getString("backend"));
                args.put("instruments", e.getInt("instruments"));
                args.put("tick", e.getLong("tick"));
            }
            case "io.vectrade.ProfileStep" -> {
                name = "step " + e.getInt("step") + " (" + e.getString("phase") + ")";
                category = "step";
                args.put("phase", e.getString("phase"));
            }
            default -> {
                // device time from CUDA events, drawn as ending when the host read the events
                name = "gpu " + e.getString("stage");
                category = "device";
                long device = e.getLong("deviceNanos");
                args.put("deviceNanos", device);
                long end = java.time.Duration.between(origin, e.getStartTime()).toNanos();
                return new Span(name, category, Math.max(0, end - device), device, -1, args);
            }
        }
        long tid = e.getThread() == null ? 0 : e.getThread().getJavaThreadId();
        return new Span(name, category, java.time.Duration.between(origin, e.getStartTime()).toNanos(),
                e.getDuration().toNanos(), tid, args);
    }

    private static boolean inside(List<Instant[]> windows, Instant t) {
        for (Instant[] w : windows) {
            if (!t.isBefore(w[0]) && !t.isAfter(w[1])) {
                return true;
            }
        }
        return false;
    }

    private static String firstVectradeFrame(RecordedStackTrace st) {
        for (RecordedFrame f : st.getFrames()) {
            RecordedMethod m = f.getMethod();
            if (m != null && m.getType() != null && m.getType().getName().startsWith("io.vectrade.")) {
                return name(m) + ":" + f.getLineNumber();
            }
        }
        return null;
    }

    private static String name(RecordedMethod m) {
        return m == null ? "<unknown>" : m.getType().getName() + "." + m.getName();
    }

    /** Execution samples inside active steps. */
    public long executionSamples() {
        return executionSamples;
    }

    /** Methods by self samples, then total samples. */
    public List<MethodSamples> methods() {
        return methods;
    }

    /** Allocation sites by sampled bytes. */
    public List<AllocationSite> allocations() {
        return allocations;
    }

    /** Steps (all), stages, ticks and device stages (inside active steps), by start time. */
    public List<Span> spans() {
        return spans;
    }

    /** Memory samples over the whole recording, by time. */
    public List<MemoryPoint> memory() {
        return memory;
    }

    /** Stage, tick and device spans grouped by name, by total time (steps excluded). */
    public List<SpanTotal> spanTotals() {
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, String> categories = new HashMap<>();
        for (Span s : spans) {
            if (s.category().equals("step")) {
                continue;
            }
            long[] t = totals.computeIfAbsent(s.name(), x -> new long[4]);
            t[0]++;
            t[1] += s.durationNanos();
            t[2] = Math.max(t[2], s.durationNanos());
            if (s.args().get("bytes") instanceof Long b) {
                t[3] += b;
            }
            categories.put(s.name(), s.category());
        }
        List<SpanTotal> out = new ArrayList<>();
        totals.forEach((n, t) -> out.add(new SpanTotal(n, categories.get(n), t[0], t[1], t[2], t[3])));
        out.sort(Comparator.comparingLong(SpanTotal::totalNanos).reversed());
        return out;
    }
}
