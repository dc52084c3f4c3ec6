package io.vectrade.bench.report;

import io.vectrade.bench.RunResult;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's files into an output directory, each atomically: {@code <name>_raw.json},
 * {@code <name>_report.md}, {@code <name>_report.html} and {@code <name>_<plot>.png}. Refuses to
 * replace another run's files unless asked. Thread-safe (no state).
 */
public final class ResultsWriter {
    private ResultsWriter() {
    }

    /** The raw JSON path of run {@code name} in {@code dir}. */
    public static Path rawJson(Path dir, String name) {
        return dir.resolve(name + "_raw.json");
    }

    /**
     * Fails early when run {@code name} already has files in {@code dir}.
     *
     * @throws FileAlreadyExistsException naming the first existing file
     */
    public static void checkFree(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            java.util.Set<String> own = new java.util.HashSet<>(List.of(name + "_raw.json", name + "_report.md",
                    name + "_report.html", name + "_latency_by_stage.png", name + "_memory_over_time.png",
                    name + "_throughput_vs_batch_size.png", name + "_time_vs_data_size.png", name + "_gpu_over_time.png"));
            for (io.vectrade.backend.Backend b : io.vectrade.backend.Backend.values()) {
                own.add(name + "_time_vs_data_size_" + b.id() + ".png");
            }
            var taken = files.filter(p -> own.contains(p.getFileName().toString())).sorted().findFirst();
            if (taken.isPresent()) {
                throw new FileAlreadyExistsException(taken.get().toString(), null,
                        "results of a run with this name exist; pass --overwrite or another --name");
            }
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    /**
     * Writes every file and returns their paths, JSON first. When the plots cannot be drawn (no
     * fonts on a headless machine, say) the run's JSON and reports are still written, without
     * plots, and the reports say why.
     */
    public static List<Path> write(RunResult r, Path dir, boolean overwrite) throws IOException {
        return write(r, dir, overwrite, Plots::of);
    }

    /** As {@link #write(RunResult, Path, boolean)} with a given plotter (tests make one fail). */
    static List<Path> write(RunResult r, Path dir, boolean overwrite,
                            java.util.function.Function<RunResult, List<Plot>> plotter) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path json = rawJson(dir, r.name());
        AtomicWrite.write(json, ResultsJson.write(r), overwrite);
        written.add(json);
        Map<String, Plot> plots = new LinkedHashMap<>();
        List<Plot> rendered;
        String plotProblem = null;
        try {
            rendered = plotter.apply(r);
        } catch (RuntimeException | LinkageError e) {
            // e.g. a headless machine without fontconfig or fonts: the results and reports still count
            rendered = List.of();
            plotProblem = "plots not drawn: " + oneLine(e);
            System.err.println("vectrade: " + plotProblem);
        }
        for (Plot p : rendered) {
            String file = r.name() + "_" + p.fileSuffix();
            AtomicWrite.write(dir.resolve(file), p.png(), overwrite);
            written.add(dir.resolve(file));
            plots.put(file, p);
        }
        Report report = RunReport.build(r, plots, plotProblem);
        Path md = dir.resolve(r.name() + "_report.md");
        AtomicWrite.write(md, new Markdown().render(report), overwrite);
        written.add(md);
        Path html = dir.resolve(r.name() + "_report.html");
        AtomicWrite.write(html, new Html().render(report), overwrite);
        written.add(html);
        return written;
    }
}
