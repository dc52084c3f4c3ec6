package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.model.Models;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.profile.MemoryPlot;
import io.vectrade.profile.ProfileAnalysis;
import io.vectrade.profile.ProfileRecorder;
import io.vectrade.profile.ProfileSchedule;
import io.vectrade.profile.ProfileTables;
import io.vectrade.profile.ProfileType;
import io.vectrade.signal.SignalChain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vectrade profile}: runs the pipeline under a JFR recording on a wait / warmup / active /
 * repeat schedule, writes {@code results/<name>.jfr} (open it in JDK Mission Control), and prints
 * the top methods (cpu), allocation sites and memory (memory) or the stage timeline (timeline,
 * plus a Chrome/Perfetto trace file).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Profile the pipeline with Java Flight Recorder and print what it found.",
                "Writes <out>/<name>.jfr; memory adds <name>_memory.png, timeline adds <name>_trace.json (Perfetto / chrome://tracing)."})
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--type", defaultValue = "timeline", paramLabel = "cpu|memory|timeline",
            description = "What to report (default: ${DEFAULT-VALUE}).")
    String type;

    @Mixin
    BackendOption backend;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ModelOption model;

    @Mixin
    PolicyOption policy;

    @Option(names = "--wait", defaultValue = "1", description = "Steps skipped per cycle (default: ${DEFAULT-VALUE}).")
    int waitSteps;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up steps per cycle (default: ${DEFAULT-VALUE}).")
    int warmupSteps;

    @Option(names = "--active", defaultValue = "10", description = "Analysed steps per cycle (default: ${DEFAULT-VALUE}).")
    int activeSteps;

    @Option(names = "--repeat", defaultValue = "1", description = "Cycles (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--top", defaultValue = "15", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--name", paramLabel = "NAME", description = "Base name of the files (default: profile-<type>-<time>).")
    String name;

    @Override
    public Integer call() throws Exception {
        ProfileType kind = ProfileType.parse(type);
        if (top < 1 || top > 10_000) {
            throw new UsageException("--top must be in [1, 10000], top=" + top);
        }
        if (name != null && (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith("."))) {
            throw new UsageException("--name must be a plain file name (no '/', '\\' or leading '.'), name=" + name);
        }
        ProfileSchedule schedule = new ProfileSchedule(waitSteps, warmupSteps, activeSteps, repeat);
        Panel panel = dataOptions.load().panel();
        TradingPipeline pipeline = TradingPipeline.create(model.load(), policy.chain(panel.instruments()), backend.get());
        String base = name != null ? name
                : "profile-" + kind.id() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path jfr = outDir.resolve(base + ".jfr");

        String backendId = pipeline.backend().id();
        ProfileRecorder.Workload workload = () -> pipeline.run(panel);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "profiling %s: the pipeline (features %s) on %d instruments x %d bars, backend %s, %d steps (%s)%n",
                kind.id(), pipeline.featureSet(), panel.instruments(), panel.bars(), backendId, schedule.totalSteps(), schedule);
        out.flush();
        // the GPU as the driver sees it, sampled through NVML while a cuda pipeline runs
        io.vectrade.gpu.GpuSampler gpu = null;
        if (backendId.equals(Backend.CUDA.id())) {
            try {
                gpu = io.vectrade.gpu.GpuSampler.start(io.vectrade.gpu.GpuSampler.DEFAULT_PERIOD_MILLIS);
            } catch (io.vectrade.gpu.NvmlException e) {
                out.printf(Locale.ROOT, "note: no GPU utilisation: NVML not available: %s%n", e.getMessage());
            }
        }
        try (pipeline) {
            ProfileRecorder.record(workload, schedule, kind, pipeline::deviceBytesInUse, jfr);
        } catch (Exception | Error e) {
            java.nio.file.Files.deleteIfExists(jfr); // no half-written recording left after a failure
            throw e;
        } finally {
            if (gpu != null) {
                out.printf(Locale.ROOT, "gpu: %s%n", gpu.stop().describe());
            }
        }
        ProfileAnalysis analysis = ProfileAnalysis.read(jfr);
        switch (kind) {
            case CPU -> ProfileTables.cpu(analysis, top, out);
            case MEMORY -> {
                ProfileTables.memory(analysis, top, out);
                Path png = outDir.resolve(base + "_memory.png");
                MemoryPlot.write(analysis, png);
                out.printf(Locale.ROOT, "wrote %s%n", png);
            }
            case TIMELINE -> {
                ProfileTables.timeline(analysis, out);
                Path trace = outDir.resolve(base + "_trace.json");
                io.vectrade.profile.TraceFile.write(analysis, trace);
                out.printf(Locale.ROOT, "wrote %s (open in ui.perfetto.dev or chrome://tracing)%n", trace);
            }
        }
        out.printf(Locale.ROOT, "wrote %s (open in JDK Mission Control)%n", jfr);
        out.flush();
        return 0;
    }
}
