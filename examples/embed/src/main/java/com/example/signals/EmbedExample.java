package com.example.signals;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.pipeline.Backends;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.pipeline.StageTimes;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.Policies;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads bars from a CSV, runs the batch pipeline, prints the last bar's signals, then replays the
 * same bars through the live engine tick by tick and checks that both agree on the last bar.
 * Exits 1 when they do not (the check CI relies on).
 */
public final class EmbedExample {
    private EmbedExample() {
    }

    public static void main(String[] args) throws Exception {
        Panel panel = BarCsvReader.read(Path.of(args[0]));
        Model model = Models.defaultModel();
        Backend backend = Backends.resolve(Backend.AUTO);   // cuda when a GPU is usable, else simd
        System.out.printf(Locale.ROOT, "%d instruments x %d bars, backend %s%n",
                panel.instruments(), panel.bars(), backend.id());

        // the policy in code; SignalChain.parse("rank(top=1,bottom=1) | caps(max=0.5)") is the same chain
        SignalChain policy = Policies.rank().top(1).bottom(1).then(Policies.caps().max(0.5)).build();
        int last = panel.bars() - 1;
        byte[] batchSides = new byte[panel.instruments()];
        try (TradingPipeline pipeline = TradingPipeline.create(model, policy, backend)) {
            SignalFrame frame = pipeline.run(panel);
            StageTimes t = pipeline.lastTimes();
            System.out.printf(Locale.ROOT, "batch: features %.2f ms, model %.2f ms, signals %.2f ms%n",
                    t.featuresNanos() / 1e6, t.predictionsNanos() / 1e6, t.signalsNanos() / 1e6);
            for (int i = 0; i < panel.instruments(); i++) {
                batchSides[i] = frame.side(last, i);
                System.out.printf(Locale.ROOT, "  %-6s side %2d weight %+.4f%n", panel.symbol(i), frame.side(last, i),
                        frame.weight(last, i));
            }
        }

        int n = panel.instruments();
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        SignalFrame tick = null;
        try (LiveEngine live = LiveEngine.create(model, Policies.rank().top(1).bottom(1)
                .then(Policies.caps().max(0.5)).build(), backend, n)) {
            for (int bar = 0; bar <= last; bar++) {
                panel.copyBar(bar, o, h, l, c, v);
                tick = live.onTick(o, h, l, c, v);
            }
            System.out.printf(Locale.ROOT, "live: %d ticks%n", live.ticks());
            for (int i = 0; i < n; i++) {
                if (tick.side(0, i) != batchSides[i]) {
                    System.err.printf(Locale.ROOT, "live and batch disagree on %s: %d vs %d%n", panel.symbol(i),
                            tick.side(0, i), batchSides[i]);
                    System.exit(1);
                }
            }
        }
        System.out.println("live and batch agree on the last bar");
    }
}
