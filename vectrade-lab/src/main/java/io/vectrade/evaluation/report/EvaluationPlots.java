package io.vectrade.evaluation.report;

import io.vectrade.bench.report.Plot;
import io.vectrade.bench.report.Plots;
import io.vectrade.evaluation.SignalQuality;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The report's PNG plots with XChart, over the evaluated bars: equity against the benchmark, drawdown, rolling
 * Sharpe, rank IC over time, quantile returns, turnover. Headless; stateless.
 */
public final class EvaluationPlots {
    static final int WIDTH = 1000;
    static final int HEIGHT = 500;
    /** Bars in the rolling windows (a quarter of daily bars). */
    static final int WINDOW = 63;

    private EvaluationPlots() {
    }

    /** Every plot the evaluation supports. */
    public static List<Plot> of(Evaluation e) {
        List<Plot> out = new ArrayList<>();
        List<Date> x = dates(e);
        int from = e.from();
        Evaluation.Run main = e.runs().getFirst();
        boolean several = e.runs().stream().map(Evaluation.Run::policy).distinct().count() > 1;

        XYChart eq = chart("Equity (net of costs) vs the equal-weight universe", "equity (start = 1)");
        for (Evaluation.Run r : e.runs()) {
            add(eq, (several ? r.policy() : "strategy") + ", " + bps(r) + " bps", x, slice(r.equity(), from));
        }
        add(eq, "equal-weight universe", x, slice(e.benchmarkEquity(), from));
        out.add(new Plot("equity.png", "Equity curve", Plots.png(eq)));

        XYChart dd = chart("Drawdown, " + mainLabel(e, main) + " bps", "drawdown (%)");
        add(dd, "drawdown", x, scale(slice(main.drawdown(), from), 100));
        out.add(new Plot("drawdown.png", "Drawdown", Plots.png(dd)));

        XYChart rs = chart("Rolling Sharpe (" + WINDOW + " bars, annualised), " + mainLabel(e, main) + " bps", "Sharpe");
        add(rs, "rolling Sharpe", x, rollingSharpe(main.netReturn(), from, e.config().periodsPerYear()));
        out.add(new Plot("rolling_sharpe.png", "Rolling Sharpe", Plots.png(rs)));

        XYChart to = chart("Turnover per bar, " + mainLabel(e, main) + " bps", "one-way turnover (fraction of equity)");
        add(to, "turnover", x, slice(main.turnover(), from));
        add(to, "mean of " + WINDOW + " bars", x, rollingMean(main.turnover(), from));
        out.add(new Plot("turnover.png", "Turnover", Plots.png(to)));

        if (!e.quality().isEmpty()) {
            SignalQuality q1 = e.quality().getFirst();
            XYChart ic = chart("Rank IC per bar, horizon " + q1.horizon(), "rank IC");
            add(ic, "rank IC", x, slice(q1.rankIc(), from));
            add(ic, "mean of " + WINDOW + " bars", x, rollingMean(q1.rankIc(), from));
            out.add(new Plot("ic.png", "IC over time", Plots.png(ic)));

            CategoryChart qc = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                    .title("Mean forward return by score quantile (bottom = lowest scores)")
                    .xAxisTitle("quantile").yAxisTitle("mean forward return (bp)").build();
            Plots.style(qc);
            int nq = q1.quantileMeans().length;
            List<String> cats = new ArrayList<>();
            for (int k = 0; k < nq; k++) {
                cats.add(Integer.toString(k + 1));
            }
            for (SignalQuality q : e.quality()) {
                List<Double> y = new ArrayList<>();
                for (double v : q.quantileMeans()) {
                    y.add(Double.isNaN(v) ? 0 : v * 1e4);
                }
                qc.addSeries("horizon " + q.horizon(), cats, y);
            }
            out.add(new Plot("quantiles.png", "Quantile returns", Plots.png(qc)));
        }
        return out;
    }

    /** The first run's label in the titles of the plots that show it alone. */
    private static String mainLabel(Evaluation e, Evaluation.Run main) {
        boolean several = e.runs().stream().map(Evaluation.Run::policy).distinct().count() > 1;
        return (several ? main.policy() + ", " : "") + bps(main);
    }

    private static String bps(Evaluation.Run r) {
        double slip = r.costs().slippageBps();
        return fmt(r.costs().commissionBps()) + (slip > 0 ? " + " + fmt(slip) + " slippage" : "");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("date").yAxisTitle(yTitle)
                .build();
        Plots.style(c);
        c.getStyler().setDatePattern("yyyy-MM-dd");
        return c;
    }

    private static void add(XYChart c, String name, List<Date> x, double[] y) {
        List<Double> ys = new ArrayList<>(y.length);
        for (double v : y) {
            ys.add(Double.isFinite(v) ? v : null);
        }
        c.addSeries(name, x, ys).setMarker(SeriesMarkers.NONE);
    }

    private static List<Date> dates(Evaluation e) {
        List<Date> x = new ArrayList<>();
        for (int t = e.from(); t < e.timestamps().length; t++) {
            x.add(new Date(e.timestamps()[t]));
        }
        return x;
    }

    private static double[] slice(double[] a, int from) {
        return java.util.Arrays.copyOfRange(a, from, a.length);
    }

    private static double[] scale(double[] a, double k) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= k;
        }
        return a;
    }

    /** Mean of the finite values in the last {@link #WINDOW} bars (NaN until the window is full). */
    static double[] rollingMean(double[] v, int from) {
        double[] out = new double[v.length - from];
        for (int t = from; t < v.length; t++) {
            out[t - from] = Double.NaN;
            if (t - from + 1 >= WINDOW) {
                double s = 0;
                int k = 0;
                for (int j = t - WINDOW + 1; j <= t; j++) {
                    if (Double.isFinite(v[j])) {
                        s += v[j];
                        k++;
                    }
                }
                out[t - from] = k > 0 ? s / k : Double.NaN;
            }
        }
        return out;
    }

    /** Annualised Sharpe of the last {@link #WINDOW} returns (sample sd; NaN until the window is full). */
    static double[] rollingSharpe(double[] r, int from, double periodsPerYear) {
        double[] out = new double[r.length - from];
        for (int t = from; t < r.length; t++) {
            out[t - from] = Double.NaN;
            if (t - from + 1 >= WINDOW) {
                double s = 0;
                for (int j = t - WINDOW + 1; j <= t; j++) {
                    s += r[j];
                }
                double m = s / WINDOW;
                double ss = 0;
                for (int j = t - WINDOW + 1; j <= t; j++) {
                    ss += (r[j] - m) * (r[j] - m);
                }
                double sd = Math.sqrt(ss / (WINDOW - 1));
                out[t - from] = sd > 0 ? m / sd * Math.sqrt(periodsPerYear) : Double.NaN;
            }
        }
        return out;
    }
}
