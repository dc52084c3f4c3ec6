package io.vectrade.profile;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The tables {@code vectrade profile} prints, one per profile type. */
public final class ProfileTables {
    private ProfileTables() {
    }

    /** Top methods by self samples, with total samples; percentages of all active-step samples. */
    public static void cpu(ProfileAnalysis a, int top, PrintWriter out) {
        long n = Math.max(1, a.executionSamples());
        out.printf(Locale.ROOT, "execution samples in active steps: %d%n", a.executionSamples());
        out.printf(Locale.ROOT, "%8s %7s %8s %7s  %s%n", "self", "self%", "total", "total%", "method");
        for (ProfileAnalysis.MethodSamples m : a.methods().subList(0, Math.min(top, a.methods().size()))) {
            out.printf(Locale.ROOT, "%8d %6.1f%% %8d %6.1f%%  %s%n", m.self(), 100.0 * m.self() / n,
                    m.total(), 100.0 * m.total() / n, m.method());
        }
    }

    /** Top allocation sites by sampled bytes, and stages by bytes allocated on their thread. */
    public static void memory(ProfileAnalysis a, int top, PrintWriter out) {
        out.printf(Locale.ROOT, "allocation sites (sampled, active steps)%n");
        out.printf(Locale.ROOT, "%12s %8s  %-60s %s%n", "bytes", "samples", "site", "vectrade caller");
        List<ProfileAnalysis.AllocationSite> sites = a.allocations();
        for (ProfileAnalysis.AllocationSite s : sites.subList(0, Math.min(top, sites.size()))) {
            out.printf(Locale.ROOT, "%12s %8d  %-60s %s%n", bytes(s.bytes()), s.samples(), s.site(),
                    s.caller() == null ? "-" : s.caller());
        }
        out.printf(Locale.ROOT, "%nstages by bytes allocated (calling thread)%n");
        out.printf(Locale.ROOT, "%-14s %6s %12s %14s%n", "stage", "count", "bytes", "bytes/call");
        a.spanTotals().stream().filter(t -> t.category().equals("stage"))
                .sorted((x, y) -> Long.compare(y.bytes(), x.bytes()))
                .forEach(t -> out.printf(Locale.ROOT, "%-14s %6d %12s %14s%n", t.name(), t.count(),
                        bytes(t.bytes()), bytes(t.bytes() / Math.max(1, t.count()))));
        long peakHeap = a.memory().stream().mapToLong(ProfileAnalysis.MemoryPoint::heap).max().orElse(0);
        long peakOff = a.memory().stream().mapToLong(ProfileAnalysis.MemoryPoint::offHeap).max().orElse(0);
        long peakDev = a.memory().stream().mapToLong(ProfileAnalysis.MemoryPoint::device).max().orElse(0);
        out.printf(Locale.ROOT, "%npeak heap %s, off-heap %s, device %s (%d samples)%n", bytes(peakHeap),
                bytes(peakOff), bytes(peakDev), a.memory().size());
    }

    /** Stages, ticks and GPU device stages by total time. */
    public static void timeline(ProfileAnalysis a, PrintWriter out) {
        out.printf(Locale.ROOT, "%-14s %-8s %6s %12s %12s %12s%n", "span", "kind", "count", "total ms", "mean ms", "max ms");
        for (ProfileAnalysis.SpanTotal t : a.spanTotals()) {
            out.printf(Locale.ROOT, "%-14s %-8s %6d %12.3f %12.3f %12.3f%n", t.name(), t.category(), t.count(),
                    t.totalNanos() / 1e6, t.totalNanos() / 1e6 / Math.max(1, t.count()), t.maxNanos() / 1e6);
        }
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", b / 1024.0 / 1024);
        }
        return String.format(Locale.ROOT, "%.2f GiB", b / 1024.0 / 1024 / 1024);
    }
}
