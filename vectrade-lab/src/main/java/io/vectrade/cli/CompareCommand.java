package io.vectrade.cli;

import io.vectrade.bench.RunResult;
import io.vectrade.bench.Verdict;
import io.vectrade.bench.compare.Comparison;
import io.vectrade.bench.compare.ComparisonReport;
import io.vectrade.bench.report.AtomicWrite;
import io.vectrade.bench.report.ResultsJson;
import io.vectrade.bench.stats.Bootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code vectrade compare BASELINE.json CURRENT.json}: per metric both medians, change, bootstrap
 * interval and verdict (the rule: {@link Comparison}); writes {@code comparison.md} and the forest
 * plot {@code comparison.png} next to CURRENT (or in {@code --out}). Exit codes: 0 no regression (or
 * one between quick smoke runs, unless {@code --fail-on-quick}), 1 a metric regressed, 2 bad usage or input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two bench results: change per metric with a 95%% bootstrap CI and a verdict.",
                "A regression needs its whole CI beyond the threshold and a Holm-corrected rank test;",
                "single-sample metrics are reported, not judged; quick runs never fail unless --fail-on-quick.",
                "Exit: 0 no regression, 1 a metric regressed, 2 bad usage/input."})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE", description = "baseline <name>_raw.json")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "current <name>_raw.json")
    Path current;

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "150",
            description = "noise threshold of wall times and rates in percent: a regression needs its whole CI beyond it (default ${DEFAULT-VALUE}, calibrated on a shared 2-core machine: docs/benchmarking.md)")
    String threshold;

    @Option(names = "--cpu-threshold", paramLabel = "PCT", defaultValue = "50",
            description = "noise threshold of the CPU-time rows of time metrics (default ${DEFAULT-VALUE}: docs/benchmarking.md, Calibration)")
    String cpuThreshold;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05",
            description = "family-wise error rate of the Holm-corrected rank tests (default ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--min-samples", paramLabel = "N", defaultValue = "5",
            description = "fewest samples per side to judge a metric; fewer are reported, not judged (default ${DEFAULT-VALUE})")
    int minSamples;

    @Option(names = "--fail-on-quick", description = "exit 1 on a regression even when a run is a --quick smoke run")
    boolean failOnQuick;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write comparison.md/.png (default: CURRENT's directory)")
    Path out;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "2000", description = "bootstrap resamples (default ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1592639052", description = "bootstrap seed")
    long seed;

    @Override
    public Integer call() throws IOException {
        double th = parseThreshold(threshold, "--threshold");
        double cpuTh = parseThreshold(cpuThreshold, "--cpu-threshold");
        if (resamples < 100 || resamples > 1_000_000) {
            throw new UsageException("resamples must be in [100, 1000000], resamples=" + resamples);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new UsageException("alpha must be in (0, 1), option=--alpha value=" + alpha);
        }
        if (minSamples < 2 || minSamples > 100_000) {
            throw new UsageException("min-samples must be in [2, 100000], option=--min-samples value=" + minSamples);
        }
        RunResult b = ResultsJson.read(baseline);
        RunResult c = ResultsJson.read(current);
        Comparison cmp = Comparison.of(b, c, new Comparison.Settings(th, 0.95, alpha, minSamples, resamples, seed, cpuTh));
        Path dir = out != null ? out : current.toAbsolutePath().getParent();
        byte[] png = ComparisonReport.plot(cmp);
        if (png != null) {
            AtomicWrite.write(dir.resolve("comparison.png"), png, true);
        }
        String md = ComparisonReport.markdown(cmp, baseline.toString(), current.toString(),
                png == null ? null : "comparison.png");
        AtomicWrite.write(dir.resolve("comparison.md"), md, true);
        for (String w : cmp.warnings()) {
            System.out.println("warning: " + w);
        }
        for (Comparison.Row r : cmp.rows()) {
            if (r.verdict() == Comparison.Verdict.REGRESSED) {
                System.out.printf(java.util.Locale.ROOT, "regressed: %s %+.1f%% [%+.1f%%, %+.1f%%]%n", r.key(),
                        100 * r.change(), 100 * r.lower(), 100 * r.upper());
            }
        }
        System.out.println(ComparisonReport.summaryLine(cmp));
        System.out.println("report: " + dir.resolve("comparison.md"));
        return cmp.failsCi(failOnQuick) ? 1 : 0;
    }

    static double parseThreshold(String text) {
        return parseThreshold(text, "--threshold");
    }

    static double parseThreshold(String text, String option) {
        String t = text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(t);
            if (v >= 0 && v < 1000) {
                return v / 100;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new UsageException("bad threshold, option=" + option + " value=" + text + "; a percentage such as 2 or 2.5%");
    }

    static {
        assert Bootstrap.DEFAULT_RESAMPLES == 2000;
    }
}
