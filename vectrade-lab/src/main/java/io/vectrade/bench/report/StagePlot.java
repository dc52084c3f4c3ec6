package io.vectrade.bench.report;

import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.Verdict;
import io.vectrade.bench.stats.Percentiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Latency by stage (the pipeline type): per stage a bar per backend at the median, a whisker from
 * p10 to p90 of the samples (the lab's {@link Percentiles}), the stage's target as a dashed line
 * and PASS / FAIL with the ratio to the target above each bar. One unit (ms) on a log axis, so a
 * 2 ms target and a 1.6 s stage are both readable. Headless Java2D; thread-safe (no state).
 */
final class StagePlot {
    static final Color PASS = new Color(0x1a, 0x7f, 0x37);
    static final Color FAIL = new Color(0xcf, 0x22, 0x2e);
    private static final Color[] BACKEND = {new Color(0x09, 0x69, 0xda), new Color(0xbf, 0x87, 0x00),
            new Color(0x82, 0x50, 0xdf), new Color(0x57, 0x60, 0x6a)};
    private static final int W = 1000;
    private static final int H = 600;
    private static final int L = 80;
    private static final int R = 150;
    private static final int T = 60;
    private static final int B = 70;

    private StagePlot() {
    }

    static Optional<Plot> of(RunResult r) {
        List<Measurement> ms = r.measurements().stream().filter(m -> m.ok() && m.type().equals("pipeline")).toList();
        if (ms.isEmpty()) {
            return Optional.empty();
        }
        Set<String> stages = new LinkedHashSet<>();
        List<String> backends = new ArrayList<>();
        Map<String, Measurement> cell = new LinkedHashMap<>();
        for (Measurement m : ms) {
            stages.add(m.subject());
            if (!backends.contains(m.backend())) {
                backends.add(m.backend());
            }
            cell.put(m.subject() + "/" + m.backend(), m);
        }
        Map<String, Verdict> targets = new LinkedHashMap<>();
        for (Verdict v : r.verdicts()) {
            if (v.target().startsWith("latency.") && v.actual() != null) {
                targets.put(v.target().substring("latency.".length()) + "/" + v.backend(), v);
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Measurement m : ms) {
            double[] s = sorted(m);
            lo = Math.min(lo, s[0] / 1e6);
            hi = Math.max(hi, s[s.length - 1] / 1e6);
        }
        for (Verdict v : targets.values()) {
            lo = Math.min(lo, v.limit() / 1e6);
            hi = Math.max(hi, v.limit() / 1e6);
        }
        double ylo = Math.pow(10, Math.floor(Math.log10(Math.max(1e-6, lo))));
        double yhi = Math.pow(10, Math.ceil(Math.log10(Math.max(hi, ylo * 10))));
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("Latency by stage, " + ms.get(0).workload() + (r.quick() ? " (QUICK RUN: smoke, not a measurement)" : ""),
                    L, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("bar: median per call; whisker: p10-p90 of the samples; dashed: the stage's target", L, 44);
            FontMetrics fm = g.getFontMetrics();
            int py0 = T;
            int py1 = H - B;
            double lyl = Math.log10(ylo);
            double lyh = Math.log10(yhi);
            java.util.function.DoubleToIntFunction y = v -> (int) Math.round(py1 - (Math.log10(Math.max(v, ylo)) - lyl)
                    / (lyh - lyl) * (py1 - py0));
            // y grid: 1, 2, 5 per decade
            for (double d = ylo; d <= yhi * 1.0001; d *= 10) {
                for (double f : new double[] {1, 2, 5}) {
                    double v = d * f;
                    if (v > yhi * 1.0001) {
                        break;
                    }
                    int yy = y.applyAsInt(v);
                    g.setColor(f == 1 ? new Color(0xd0, 0xd7, 0xde) : new Color(0xee, 0xf1, 0xf4));
                    g.drawLine(L, yy, W - R, yy);
                    g.setColor(Color.BLACK);
                    String t = fmtMs(v);
                    g.drawString(t, L - 6 - fm.stringWidth(t), yy + 4);
                }
            }
            g.drawLine(L, py0, L, py1);
            g.drawLine(L, py1, W - R, py1);
            Graphics2D gr = (Graphics2D) g.create();
            gr.rotate(-Math.PI / 2);
            gr.drawString("time per call (ms, log scale)", -(py0 + py1) / 2 - 80, 18);
            gr.dispose();
            List<String> st = List.copyOf(stages);
            double groupW = (double) (W - R - L) / st.size();
            double barW = Math.min(70, groupW * 0.7 / backends.size());
            for (int s = 0; s < st.size(); s++) {
                double gx = L + groupW * s;
                String label = st.get(s);
                g.setColor(Color.BLACK);
                g.drawString(label, (int) (gx + groupW / 2 - fm.stringWidth(label) / 2.0), py1 + 18);
                double x0 = gx + (groupW - barW * backends.size()) / 2;
                for (int b = 0; b < backends.size(); b++) {
                    Measurement m = cell.get(label + "/" + backends.get(b));
                    if (m == null) {
                        continue;
                    }
                    double[] sm = sorted(m);
                    double med = Percentiles.ofSorted(sm, 50) / 1e6;
                    double p10 = Percentiles.ofSorted(sm, 10) / 1e6;
                    double p90 = Percentiles.ofSorted(sm, 90) / 1e6;
                    int bx = (int) (x0 + barW * b);
                    int by = y.applyAsInt(med);
                    g.setColor(BACKEND[b % BACKEND.length]);
                    g.fillRect(bx + 2, by, (int) barW - 4, py1 - by);
                    int cx = (int) (bx + barW / 2);
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(1.5f));
                    g.drawLine(cx, y.applyAsInt(p10), cx, y.applyAsInt(p90));
                    g.drawLine(cx - 6, y.applyAsInt(p10), cx + 6, y.applyAsInt(p10));
                    g.drawLine(cx - 6, y.applyAsInt(p90), cx + 6, y.applyAsInt(p90));
                    Verdict v = targets.get(label + "/" + backends.get(b));
                    if (v != null) {
                        int ty = y.applyAsInt(v.limit() / 1e6);
                        g.setColor(Color.BLACK);
                        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                                new float[] {6, 4}, 0));
                        g.drawLine(bx, ty, (int) (bx + barW), ty);
                        g.setStroke(new BasicStroke(1f));
                        boolean pass = v.status() == Verdict.Status.PASS;
                        String verdict = (pass ? "PASS" : "FAIL") + String.format(Locale.ROOT, " %.3gx", med * 1e6 / v.limit());
                        g.setColor(pass ? PASS : FAIL);
                        int top = Math.min(y.applyAsInt(p90), ty) - 6;
                        g.drawString(verdict, cx - fm.stringWidth(verdict) / 2, top);
                    }
                }
            }
            // legend
            int ly = T + 10;
            for (int b = 0; b < backends.size(); b++) {
                g.setColor(BACKEND[b % BACKEND.length]);
                g.fillRect(W - R + 20, ly + b * 22, 14, 14);
                g.setColor(Color.BLACK);
                g.drawString(backends.get(b), W - R + 40, ly + b * 22 + 12);
            }
            int ty = ly + backends.size() * 22 + 10;
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawLine(W - R + 20, ty + 6, W - R + 34, ty + 6);
            g.setStroke(new BasicStroke(1f));
            g.drawString("target", W - R + 40, ty + 10);
            g.drawString("PASS/FAIL n x:", W - R + 20, ty + 34);
            g.drawString("median / target", W - R + 20, ty + 50);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode plot: " + e.getMessage(), e);
        }
        return Optional.of(new Plot("latency_by_stage.png", "Latency by stage", out.toByteArray()));
    }

    private static double[] sorted(Measurement m) {
        double[] s = m.samples();
        java.util.Arrays.sort(s);
        return s;
    }

    static String fmtMs(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        return new java.math.BigDecimal(ms).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
