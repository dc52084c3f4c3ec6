package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.backtest.BacktestConfig;
import io.vectrade.backtest.BacktestResult;
import io.vectrade.backtest.Backtester;
import io.vectrade.backtest.Costs;
import io.vectrade.backtest.Execution;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code backtest} stage of the pipeline benchmark: one {@link Backtester} run (close execution, 5 bps
 * commission, 1 bp slippage, 50 bps a year borrow) of the pipeline's signal weights over the panel. The weights
 * come from one untimed pipeline run of the stage's backend on the first panel variant; the timed call
 * backtests them over that variant, on the stage's backend: cpu runs the scalar reference, simd (and cuda: the
 * backtest runs on the host) the Vector API kernel; both on the calling thread.
 */
final class BacktestStage implements PipelineBenchmark.Stage {
    @Override
    public String name() {
        return "backtest";
    }

    @Override
    public PipelineBenchmark.Prepared prepare(BenchContext ctx, Backend backend, List<Panel> inputs) {
        Panel panel = inputs.getFirst();
        double[] weights;
        FeatureEngine engine = ctx.engines().create(backend);
        try (TradingPipeline p = TradingPipeline.borrowing(ctx.model().model(), SignalChain.parse(ctx.policy()), engine)) {
            weights = p.run(panel).weight().clone();
        } finally {
            engine.close();
        }
        Backtester bt = new Backtester(panel.bars(), panel.instruments(), backend);
        BacktestConfig config = new BacktestConfig(Execution.CLOSE, new Costs(5, 1, 50), 252);
        BacktestResult result = bt.run(panel, weights, config);
        Harness.Call call = v -> bt.run(panel, weights, config);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cells", (double) panel.bars() * panel.instruments());
        return new PipelineBenchmark.Prepared(call, () -> ctx.sink().consume(result.equity()), m,
                "pipeline [" + backend.id() + "] backtest (" + bt.backend().id() + " kernel): the weights of one panel variant (the pipeline's"
                        + " signals, made untimed), close execution, 5 bps + 1 bp slippage, borrow 50 bps a year", () -> {
                });
    }
}
