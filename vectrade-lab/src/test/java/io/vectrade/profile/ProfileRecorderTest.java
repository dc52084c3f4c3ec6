package io.vectrade.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectrade.events.StageEvent;
import io.vectrade.events.Stages;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileRecorderTest {
    private static final ProfileSchedule SCHEDULE = new ProfileSchedule(2, 1, 4, 2);
    private static final String[] STAGES = {"features", "predictions", "signals"};

    @TempDir
    static Path dir;
    static ProfileAnalysis analysis;
    static volatile double sink;

    /** A workload of three stages, the first with a deliberately hot method. */
    static void step() {
        StageEvent e = Stages.begin("features");
        sink += deliberatelyHotMethod(3_000_000);
        // what the cuda engine reports after reading its CUDA events (plumbing only: no GPU here)
        Stages.deviceStage("kernels", 0.25);
        Stages.end(e, "cpu", 7, 11);
        e = Stages.begin("predictions");
        sink += allocateSome(64);
        Stages.end(e, "cpu", 7, 11);
        e = Stages.begin("signals");
        sink += 1;
        Stages.end(e, "cpu", 7, 11);
    }

    static double deliberatelyHotMethod(int n) {
        double x = sink;
        for (int k = 0; k < n; k++) {
            x = Math.sqrt(x * 1.000001 + k);
        }
        return x;
    }

    static double allocateSome(int count) {
        double s = 0;
        for (int k = 0; k < count; k++) {
            double[] a = new double[1024];
            a[k % a.length] = k;
            s += a[k % a.length];
        }
        return s;
    }

    @BeforeAll
    static void record() throws Exception {
        Path jfr = dir.resolve("p.jfr");
        ProfileRecorder.record(ProfileRecorderTest::step, SCHEDULE, ProfileType.CPU, () -> 123L, jfr);
        analysis = ProfileAnalysis.read(jfr);
    }

    @Test
    void stageEventsCarryTheirAttributesAndNestInActiveSteps() {
        List<ProfileAnalysis.Span> steps = analysis.spans().stream().filter(s -> s.category().equals("step")).toList();
        List<ProfileAnalysis.Span> stages = analysis.spans().stream().filter(s -> s.category().equals("stage")).toList();
        // warm-up and active steps are marked, wait steps are not
        assertThat(steps).hasSize((SCHEDULE.warmupSteps() + SCHEDULE.activeSteps()) * SCHEDULE.repeat());
        // only stages inside active steps are kept: 3 per active step
        assertThat(stages).hasSize(STAGES.length * SCHEDULE.activeSteps() * SCHEDULE.repeat());
        for (ProfileAnalysis.Span s : stages) {
            assertThat(s.name()).isIn((Object[]) STAGES);
            assertThat(s.args()).containsEntry("backend", "cpu").containsEntry("instruments", 7).containsEntry("bars", 11);
            boolean nested = steps.stream().anyMatch(p -> "active".equals(p.args().get("phase"))
                    && p.startNanos() <= s.startNanos()
                    && s.startNanos() + s.durationNanos() <= p.startNanos() + p.durationNanos());
            assertThat(nested).as("stage %s nested in an active step", s.name()).isTrue();
        }
        ProfileAnalysis.SpanTotal predictions = analysis.spanTotals().stream()
                .filter(t -> t.name().equals("predictions")).findFirst().orElseThrow();
        // each predictions stage allocates 64 arrays of 1024 doubles
        assertThat(predictions.bytes()).isGreaterThanOrEqualTo(64L * 8 * 1024 * predictions.count());
    }

    @Test
    void deviceStagesBecomeDeviceSpansWithTheirDeviceTime() {
        List<ProfileAnalysis.Span> device = analysis.spans().stream().filter(s -> s.category().equals("device")).toList();
        assertThat(device).hasSize(SCHEDULE.activeSteps() * SCHEDULE.repeat());
        assertThat(device).allSatisfy(s -> {
            assertThat(s.name()).isEqualTo("gpu kernels");
            assertThat(s.durationNanos()).isEqualTo(250_000L);
        });
        StringWriter text = new StringWriter();
        ProfileTables.timeline(analysis, new PrintWriter(text, true));
        assertThat(text.toString()).contains("gpu kernels").contains("device");
    }

    @Test
    void cpuTableFindsTheHotMethodOnTop() {
        assertThat(analysis.executionSamples()).isGreaterThan(10);
        assertThat(analysis.methods().getFirst().method()).endsWith("ProfileRecorderTest.deliberatelyHotMethod");
        StringWriter text = new StringWriter();
        ProfileTables.cpu(analysis, 5, new PrintWriter(text, true));
        assertThat(text.toString()).contains("deliberatelyHotMethod");
    }

    @Test
    void memorySamplesAndPlot() throws Exception {
        assertThat(analysis.memory()).isNotEmpty();
        assertThat(analysis.memory()).allSatisfy(p -> {
            assertThat(p.heap()).isPositive();
            assertThat(p.device()).isEqualTo(123L);
        });
        Path png = dir.resolve("m.png");
        MemoryPlot.write(analysis, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        StringWriter text = new StringWriter();
        ProfileTables.memory(analysis, 5, new PrintWriter(text, true));
        assertThat(text.toString()).contains("predictions").contains("peak heap");
    }

    @Test
    void traceFileIsTraceEventJsonWithOneSpanPerStage() throws Exception {
        Path trace = dir.resolve("t.json");
        TraceFile.write(analysis, trace);
        JsonNode root = new ObjectMapper().readTree(Files.readString(trace));
        JsonNode events = root.get("traceEvents");
        assertThat(events.isArray()).isTrue();
        int stages = 0;
        for (JsonNode e : events) {
            assertThat(e.get("ph").asText()).isEqualTo("X");
            assertThat(e.get("ts").isNumber()).isTrue();
            assertThat(e.get("dur").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(e.get("pid").isInt()).isTrue();
            assertThat(e.has("tid") && e.has("name")).isTrue();
            if (e.get("cat").asText().equals("stage")) {
                stages++;
            }
        }
        assertThat(stages).isEqualTo(STAGES.length * SCHEDULE.activeSteps() * SCHEDULE.repeat());
    }

    @Test
    void withoutARecordingStagesCostNoEvent() {
        assertThat(Stages.begin("features")).isNull();
        assertThat(Stages.beginTick()).isNull();
        Stages.end(null, "cpu", 1, 1);
    }
}
