package io.vectrade.cli;

import io.vectrade.bench.history.Dashboard;
import io.vectrade.bench.history.HistoryEntry;
import io.vectrade.bench.history.HistoryStore;
import io.vectrade.bench.report.AtomicWrite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vectrade history DIR}: reads {@code DIR/history.jsonl} (written by {@code bench --history
 * DIR}) and writes the self-contained dashboard {@code DIR/history.html} (or {@code --out}).
 * Exit codes: 0 written, 2 bad usage or input.
 */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark history across commits: an HTML dashboard of every metric over the runs",
                "appended by 'bench --history DIR', with intervals, change points and machine changes marked.",
                "Exit: 0 written, 2 bad usage/input."})
public final class HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "history directory (holds history.jsonl)")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "the dashboard (default: DIR/history.html)")
    Path out;

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "10",
            description = "relative change a change point needs, in percent (default ${DEFAULT-VALUE})")
    String threshold;

    @Override
    public Integer call() throws IOException {
        double th = CompareCommand.parseThreshold(threshold);
        List<HistoryEntry> entries = HistoryStore.read(dir);
        Path file = out != null ? out : dir.resolve("history.html");
        AtomicWrite.write(file, Dashboard.html(entries, th, dir.resolve(HistoryStore.FILE).toString()), true);
        System.out.println("history: " + entries.size() + " runs; dashboard: " + file);
        return 0;
    }
}
