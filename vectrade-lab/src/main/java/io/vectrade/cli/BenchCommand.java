package io.vectrade.cli;

import io.vectrade.bench.BenchConfig;
import io.vectrade.bench.BenchModel;
import io.vectrade.bench.BenchRunner;
import io.vectrade.bench.BenchType;
import io.vectrade.bench.ConfigException;
import io.vectrade.bench.Engines;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.ConfigLoader;
import io.vectrade.bench.Progress;
import io.vectrade.backend.Backend;
import io.vectrade.backend.BackendUnavailableException;
import io.vectrade.bench.report.ResultsWriter;
import io.vectrade.bench.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vectrade bench}: runs the benchmark suite (or the {@code --type}s named) on synthetic workloads,
 * writes {@code results/<name>_raw.json}, the reports and plots, prints the targets' verdict.
 * Exit codes: 0 all targets met, 1 a target missed (0 with {@code --no-fail}), 2 bad usage,
 * config or input.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the feature engine: latency, memory, throughput, pipeline stages.",
                "Writes <out>/<name>_raw.json, _report.md, _report.html and PNG plots.",
                "Exit: 0 targets met, 1 a target missed, 2 bad usage/config."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--type", split = ",", paramLabel = "TYPE",
            description = "features, memory, throughput, pipeline, spark; one or several, e.g. features,pipeline (default: all but spark)")
    List<String> type;

    @Option(names = "--batch-sizes", split = ",", paramLabel = "N", description = "instruments per batch, e.g. 32,64,128,256")
    List<Integer> batchSizes;

    @Option(names = "--data-sizes", split = ",", paramLabel = "N", description = "bars per series, e.g. 1000,10000,100000")
    List<Integer> dataSizes;

    @Option(names = "--backend", split = ",", paramLabel = "B", description = "cpu,simd,cuda (default: all three; one this machine cannot run is skipped with a note)")
    List<String> backends;

    @Option(names = "--warmup", paramLabel = "N", description = "warm-up iterations (default 5)")
    Integer warmup;

    @Option(names = "--iterations", paramLabel = "N", description = "measured iterations (default 20)")
    Integer iterations;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (see docs/benchmarking.md)")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "run name, the file prefix (default: <type>_<UTC time>)")
    String name;

    @Option(names = "--history", paramLabel = "DIR",
            description = "also append this run to DIR/history.jsonl (keyed by commit, dirty flag and machine; see 'vectrade history')")
    Path history;

    @Option(names = "--quick", description = "smoke run of a few seconds (small sizes, few iterations), for CI")
    boolean quick;

    @Option(names = "--overwrite", description = "replace the files of an earlier run with the same name")
    boolean overwrite;

    @Option(names = "--no-fail", description = "report missed targets but exit 0")
    boolean noFail;

    @Option(names = "--no-progress", description = "no progress output on stderr")
    boolean noProgress;

    /** {@code --data FILES} (with --format, --columns, ...), {@code --trades --interval}: the panel workload is
     * the user's panel; {@code --synthetic NxT [--seed S]}: the synthetic panel's shape and the workloads' seed. */
    @picocli.CommandLine.Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--model", paramLabel = "default|benchmark-mlp|DIR|onnx:DIR", defaultValue = "default",
            description = "model of the pipeline, memory and throughput benchmarks (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--policy", paramLabel = "CHAIN", defaultValue = BenchModel.DEFAULT_POLICY,
            description = "signal policy chain of those benchmarks (default: ${DEFAULT-VALUE})")
    String policy;

    /** Engines used; tests replace it. */
    Engines engines = Engines.standard();

    @Override
    public Integer call() throws IOException {
        List<String> notes = new ArrayList<>();
        // precedence: built-in defaults (or the quick defaults), then the file, then the flags
        BenchConfig base = quick ? BenchConfig.defaults().quick() : BenchConfig.defaults();
        BenchConfig c = config != null ? ConfigLoader.load(config, base) : base;
        boolean backendsExplicit = backends != null;
        try {
            if (batchSizes != null) {
                c = c.withBatchSizes(batchSizes);
            }
            if (dataSizes != null) {
                c = c.withDataSizes(dataSizes);
            }
            if (backends != null) {
                c = c.withBackends(ConfigLoader.backends("--backend", backends));
            }
            if (warmup != null || iterations != null) {
                c = c.withIterations(warmup != null ? warmup : c.warmupIterations(),
                        iterations != null ? iterations : c.testIterations());
            }
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage().replace("key=batch_sizes", "option=--batch-sizes")
                    .replace("key=data_sizes", "option=--data-sizes").replace("key=warmup_iterations", "option=--warmup")
                    .replace("key=test_iterations", "option=--iterations"));
        }
        data.checkSources();
        long seed = data.seed == null ? 42 : data.seed;
        io.vectrade.data.Panel userPanel = null;
        if (data.hasData() || data.trades != null) {
            DataOptions.Loaded loaded = data.load();
            userPanel = loaded.panel();
            c = c.withPanelData(dataName(), userPanel.instruments(), userPanel.bars());
            notes.add("panel workload " + c.panelWorkload() + ": your data, " + loaded.source() + "; one input, not"
                    + " rotated; the features type's single-series workloads are skipped, the throughput type's"
                    + " batches stay synthetic; latency and memory targets, defined for panel-daily, are reported,"
                    + " not judged");
        } else if (data.missing != null) {
            // a synthetic panel with gaps (--missing): one input, like the user's data
            DataOptions.Loaded loaded = data.load();
            userPanel = loaded.panel();
            c = c.withPanelData("synthetic-missing" + data.missing, userPanel.instruments(), userPanel.bars());
            notes.add("panel workload " + c.panelWorkload() + ": " + loaded.source() + "; one input, not rotated;"
                    + " the features type's single-series workloads are skipped");
        } else if (data.synthetic != null) {
            io.vectrade.data.SyntheticMarket.Shape shape = io.vectrade.data.SyntheticMarket.Shape.parse(data.synthetic);
            try {
                c = c.withPanel(shape.instruments(), shape.bars());
            } catch (ConfigException e) {
                throw new UsageException("bad --synthetic, value=" + data.synthetic + ": " + e.getMessage());
            }
        }
        c = c.withBackends(usableBackends(c.backends(), backendsExplicit, notes));
        io.vectrade.bench.HeapBudget.check(c);
        List<BenchType> types = type == null ? BenchType.DEFAULTS
                : type.stream().map(BenchType::parse).distinct().toList();
        String runName = name != null ? name : defaultName();
        if (!runName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new UsageException("bad run name, name=" + runName + "; use letters, digits, '.', '_' or '-'");
        }
        if (!overwrite) {
            try {
                ResultsWriter.checkFree(out, runName);
            } catch (FileAlreadyExistsException e) {
                throw new UsageException("results exist, file=" + e.getFile() + "; pass --overwrite or another --name");
            }
        }
        if (history != null && java.nio.file.Files.exists(history) && !java.nio.file.Files.isDirectory(history)) {
            throw new UsageException("not a directory, option=--history value=" + history);
        }
        if (quick) {
            notes.add(RunResult.QUICK_NOTE + ": small workloads and few iterations; a smoke test, not a measurement");
        }
        BenchModel benchModel = BenchModel.load(model);
        io.vectrade.signal.SignalChain.parse(policy);
        // said once everything is checked, so that a usage error stays one line
        notes.stream().filter(n -> n.startsWith("backend ")).forEach(n -> System.err.println("vectrade: " + n));
        boolean cuda = c.backends().contains(Backend.CUDA);
        // on cuda: NVTX ranges named after the steps (no-op without libnvToolsExt) and NVML sampling
        io.vectrade.gpu.Nvtx nvtx = cuda ? io.vectrade.gpu.Nvtx.open() : io.vectrade.gpu.Nvtx.none();
        BenchRunner runner = new BenchRunner(engines, Progress.stderr(!noProgress).onStep(nvtx::step),
                BenchRunner.harnessFor(c, quick), seed, benchModel, policy, userPanel);
        io.vectrade.gpu.GpuSampler gpu = cuda ? startGpuSampler(notes) : null;
        RunResult r;
        try (nvtx) {
            r = runner.run(runName, c, types, notes);
        } finally {
            if (gpu != null) {
                gpu.close();
            }
        }
        if (gpu != null) {
            r = withGpuSamples(r, gpu.stop());
        }
        List<Path> files = ResultsWriter.write(r, out, overwrite);
        System.out.print(RunReport.console(r));
        System.out.println("results: " + files.get(0) + " (+ " + (files.size() - 1) + " files: report .md/.html, plots)");
        if (history != null) {
            System.out.println("history: appended to " + io.vectrade.bench.history.HistoryStore.append(history, r));
        }
        if (!r.targetsMet() && !noFail) {
            return 1;
        }
        return 0;
    }

    /** Starts NVML sampling, or adds the one-line reason it is absent to {@code notes}. */
    private static io.vectrade.gpu.GpuSampler startGpuSampler(List<String> notes) {
        try {
            return io.vectrade.gpu.GpuSampler.start(io.vectrade.gpu.GpuSampler.DEFAULT_PERIOD_MILLIS);
        } catch (io.vectrade.gpu.NvmlException e) {
            notes.add("no GPU utilisation: NVML not available: " + e.getMessage());
            return null;
        }
    }

    /** {@code r} with the NVML samples as series ({@code gpu/bench-run/cuda/*}) and their summary as a note. */
    static RunResult withGpuSamples(RunResult r, io.vectrade.gpu.GpuSampler.Samples s) {
        List<io.vectrade.bench.Series> series = new ArrayList<>(r.series());
        series.addAll(s.series("bench-run"));
        List<String> notes = new ArrayList<>(r.notes());
        notes.add(s.describe() + " (sampled every " + io.vectrade.gpu.GpuSampler.DEFAULT_PERIOD_MILLIS
                + " ms over the whole run, cpu and simd cells included)");
        return new RunResult(r.schemaVersion(), r.name(), r.types(), r.config(), r.machine(), r.durationSeconds(),
                r.sink(), r.measurements(), series, r.verdicts(), notes);
    }

    /**
     * The name of the user's panel in its workload ({@code data:NAME[NxT]}): the file name without
     * extension, {@code NAME+K} for K more files, the trades file's name with its interval.
     */
    String dataName() throws IOException {
        if (data.trades != null) {
            return stem(data.trades) + "@" + data.interval.strip();
        }
        List<Path> files = data.files();
        String first = stem(files.get(0));
        return files.size() == 1 ? first : first + "+" + (files.size() - 1);
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String s = dot > 0 ? n.substring(0, dot) : n;
        s = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private List<Backend> usableBackends(List<Backend> wanted, boolean explicit, List<String> notes) {
        List<Backend> ok = new ArrayList<>();
        for (Backend b : wanted) {
            try {
                engines.create(b).close();
                ok.add(b);
            } catch (BackendUnavailableException e) {
                if (explicit) {
                    throw new UsageException("backend not usable, backend=" + b.id() + ": " + e.reason());
                }
                notes.add("backend " + b.id() + " skipped: " + e.reason());
            }
        }
        if (ok.isEmpty()) {
            throw new UsageException("no usable backend among " + wanted);
        }
        return ok;
    }

    private String defaultName() {
        String ts = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        return (type == null ? "all" : type.size() == 1 ? BenchType.parse(type.get(0)).id() : "mixed") + "_" + ts;
    }
}
