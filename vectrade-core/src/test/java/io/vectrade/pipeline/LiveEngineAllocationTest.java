package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.signal.SignalChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes allocated per tick on every thread the live engine uses: the calling thread and every thread that
 * exists after the engine was created but not before (workers, if it started any), counted by
 * {@code com.sun.management.ThreadMXBean} over one fixed window of {@value #WINDOW_TICKS} ticks after
 * warm-up (not the best of several windows): exactly 0 bytes.
 *
 * <p><b>Why the warm-up waits for the JIT.</b> The engine's own {@link LiveEngine#warmUp} runs first, as an
 * embedding system would run it before the open. Before a method is compiled by C2, HotSpot's
 * {@code CompileBroker::compile_method} resolves every string constant of the method's class, on the
 * thread that asked for the compilation (here the calling thread, when a method's counters cross the
 * C2 threshold). The first C2 compile of a method of {@code Model} (its {@code inputs()}, called by
 * the predictor's argument check) thus allocates its ~20 message strings, about 1.4-1.7 KB, around
 * tick 2,000-5,000; that of {@code LiveEngine.onTick} 184 B around tick 6,000-10,000; on simd those
 * of the predictor's classes 344 B (found with JFR allocation events and -XX:+PrintCompilation; once
 * per class, never again). A warm-up of three allocation-free windows could end before them. So the
 * warm-up runs at least {@value #MIN_WARMUP_TICKS} ticks and then until three windows in a row have
 * neither allocated nor compiled anything ({@code CompilationMXBean}'s total compilation time unchanged).
 */
class LiveEngineAllocationTest {
    static final int WINDOW_TICKS = 10_000;
    static final int MIN_WARMUP_TICKS = 20_000;
    /**
     * {@link LiveEngine#warmUp} first: without it a C2 compile requested late (a method called once per tick
     * crosses the threshold at 10,000-15,000 calls; a rare path met for the first time deoptimises) allocated
     * on the calling thread inside the measured window in some runs under load (344 B, 2 KB).
     */
    static final int ENGINE_WARMUP_TICKS = 30_000;
    /** The default policy of the CLI and the bench from 10 instruments on. */
    static final String DEFAULT_POLICY = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";
    static final String THRESHOLD = "threshold";

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void zeroBytesOnAllThreadsOverAFixedWindow(Backend backend, String policy) {
        long allocated = bytesOverTheWindow(backend, policy);
        System.out.printf("live allocation: %s, %s: %d bytes over %d ticks%n", backend, policy, allocated, WINDOW_TICKS);
        assertThat(allocated).as("bytes allocated over %d ticks of 1,024 instruments on %s with %s, all engine threads",
                WINDOW_TICKS, backend, policy).isZero();
    }

    /**
     * The same window in a JVM where C2 never inlines {@code IntVector.species(VectorShape)} (a
     * {@code CompileCommand}): the JDK's index-map gather and scatter ask it for their index species and,
     * where it is not inlined (it is not force-inlined; C2 declines in a large caller, depending on what else
     * that JVM compiled), fall back to Java and allocate. The default policy's volatility targeting gathered
     * that way and allocated 2,000 B a tick in 1 suite JVM of 3; the streaming zscore and volatility did on
     * their path for lanes whose ring slots differ (the walk's missing bars). Both now gather lane by lane.
     */
    @Test
    void zeroBytesWhereTheJitDoesNotInlineTheVectorIndexSpecies() throws Exception {
        String launcher = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        Process p = new ProcessBuilder(launcher, "--add-modules=jdk.incubator.vector", "-Xmx2g",
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,jdk.incubator.vector.IntVector::species",
                "-cp", System.getProperty("java.class.path"), LiveEngineAllocationTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).as(out).contains("CPU: 0 bytes").contains("SIMD: 0 bytes");
    }

    /** The default policy's window on cpu and simd, for {@link #zeroBytesWhereTheJitDoesNotInlineTheVectorIndexSpecies}. */
    public static void main(String[] args) {
        for (Backend b : new Backend[] {Backend.CPU, Backend.SIMD}) {
            System.out.println(b + ": " + bytesOverTheWindow(b, DEFAULT_POLICY) + " bytes");
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(Backend.CPU, Backend.SIMD).flatMap(b -> Stream.of(
                Arguments.of(b, THRESHOLD), Arguments.of(b, DEFAULT_POLICY)));
    }

    private static long bytesOverTheWindow(Backend backend, String policy) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 1024;
        Walk walk = new Walk(n, 17);
        Model model = Models.defaultModel();
        Set<Long> before = ids(mx.getAllThreadIds());
        try (LiveEngine live = LiveEngine.create(model, SignalChain.parse(policy), backend, n)) {
            long[] engineThreads = Arrays.stream(mx.getAllThreadIds()).filter(id -> !before.contains(id)).toArray();
            long[] counted = Arrays.copyOf(engineThreads, engineThreads.length + 1);
            counted[engineThreads.length] = Thread.currentThread().threadId();
            // warm-up: the engine's own (LiveEngine.warmUp: synthetic ticks through every path, so that the
            // once-per-tick methods reach C2 and the rare paths are compiled), then at least MIN_WARMUP_TICKS of the
            // walk, then until the JIT has settled: 3 windows of 1,000 ticks in a row with nothing allocated and
            // nothing compiled, at most 120,000 ticks
            var jit = ManagementFactory.getCompilationMXBean();
            live.warmUp(ENGINE_WARMUP_TICKS);
            int t = ticks(live, walk, 0, MIN_WARMUP_TICKS);
            int clean = 0;
            long lastBytes = 0;
            long lastCompileMillis = 0;
            for (int w = 0; w < 100 && clean < 3; w++) {
                long compiled = jit.getTotalCompilationTime();
                long a = total(mx, counted);
                t = ticks(live, walk, t, 1_000);
                lastBytes = total(mx, counted) - a;
                lastCompileMillis = jit.getTotalCompilationTime() - compiled;
                clean = lastBytes == 0 && lastCompileMillis == 0 ? clean + 1 : 0;
            }
            assertThat(clean).as("warm-up settled (3 windows without allocation or compilation) by tick %d;"
                    + " the last window: %d bytes, %d ms of compilation", t, lastBytes, lastCompileMillis).isEqualTo(3);
            long a = total(mx, counted);
            t = ticks(live, walk, t, WINDOW_TICKS);
            long allocated = total(mx, counted) - a;
            assertThat(t).isGreaterThan(WINDOW_TICKS);
            return allocated;
        }
    }

    /**
     * {@code count} ticks of a seeded random walk, generated in place (the bars of a stored panel
     * would have to be cycled, and the jump where the cycle restarts is not a market).
     */
    private static int ticks(LiveEngine live, Walk walk, int t, int count) {
        for (int k = 0; k < count; k++, t++) {
            walk.next();
            live.onTick(walk.bar[0], walk.bar[1], walk.bar[2], walk.bar[3], walk.bar[4]);
        }
        return t;
    }

    /**
     * A random walk per instrument: open = last close, close = open * exp(1% * z). The normal draws
     * are drawn once and cycled (returns, not prices, so there is no jump where the cycle restarts),
     * so the measured window runs no random-number code of its own; about 1 bar in 100 is missing.
     */
    static final class Walk {
        private static final int CYCLE = 4096;
        final double[][] bar;
        final double[] last;
        final double[] z;
        int step;

        Walk(int n, long seed) {
            bar = new double[5][n];
            last = new double[n];
            Arrays.fill(last, 100.0);
            z = new double[CYCLE * n];
            SplittableRandom random = new SplittableRandom(seed);
            for (int k = 0; k < z.length; k++) {
                z[k] = random.nextGaussian();
            }
        }

        void next() {
            int n = last.length;
            int base = (step % CYCLE) * n;
            int other = ((step + CYCLE / 2) % CYCLE) * n;
            step++;
            for (int i = 0; i < n; i++) {
                double o = last[i];
                double c = o * Math.exp(0.01 * z[base + i]);
                double spread = Math.abs(z[other + i]);
                boolean missing = spread > 2.576; // |N(0,1)| > 2.576: 1%
                bar[0][i] = o;
                bar[1][i] = Math.max(o, c) * (1 + 0.002 * spread);
                bar[2][i] = Math.min(o, c) * (1 - 0.002 * Math.min(spread, 3));
                bar[3][i] = missing ? Double.NaN : c;
                bar[4][i] = 1_000 + 50_000 * spread;
                if (!missing) {
                    last[i] = c;
                }
            }
        }
    }

    private static long total(com.sun.management.ThreadMXBean mx, long[] ids) {
        // one id at a time: the array form allocates its result (24 bytes for one thread) on this thread
        long sum = 0;
        for (long id : ids) {
            long b = mx.getThreadAllocatedBytes(id);
            sum += b < 0 ? 0 : b;
        }
        return sum;
    }

    private static Set<Long> ids(long[] ids) {
        Set<Long> s = new HashSet<>();
        for (long id : ids) {
            s.add(id);
        }
        return s;
    }
}
