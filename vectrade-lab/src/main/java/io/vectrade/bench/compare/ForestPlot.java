package io.vectrade.bench.compare;

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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as a forest plot: one row per metric, named; its change (current/baseline) as a
 * dot and its confidence interval as a bar, on a log axis of the ratio labelled in percent (so
 * +100% and &minus;50% are equally far from 0); the noise threshold as a shaded band. Colour is the
 * verdict (red regressed, green improved, grey unchanged); a hollow dot is a metric reported but
 * not judged. Regressions first, then improvements, then the largest changes. Headless Java2D;
 * thread-safe (no state).
 */
final class ForestPlot {
    /** Most rows drawn. */
    static final int MAX_ROWS = 60;
    private static final int WIDTH = 1200;
    private static final int ROW = 22;
    private static final int TOP = 78;
    private static final int BOTTOM = 64;
    private static final int LABEL_W = 430;
    private static final int RIGHT_W = 190;
    static final Color RED = new Color(0xcf, 0x22, 0x2e);
    static final Color GREEN = new Color(0x1a, 0x7f, 0x37);
    static final Color GREY = new Color(0x57, 0x60, 0x6a);
    private static final double[] TICKS = {0.05, 0.1, 0.2, 0.33, 0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 5, 10, 20};
    private static final double MIN_RATIO = 0.05;
    private static final double MAX_RATIO = 20;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ForestPlot() {
    }

    static byte[] png(Comparison c) {
        List<Comparison.Row> rows = new ArrayList<>(c.rows().stream().filter(r -> !Double.isNaN(r.change())).toList());
        if (rows.isEmpty()) {
            return null;
        }
        rows.sort(Comparator.comparingInt((Comparison.Row r) -> rank(r.verdict()))
                .thenComparingDouble(r -> -Math.abs(Math.log1p(r.change()))));
        int hidden = Math.max(0, rows.size() - MAX_ROWS);
        rows = rows.subList(0, Math.min(MAX_ROWS, rows.size()));
        double th = c.threshold();
        double lo = Math.min(1 - th, 1 / (1 + th));
        double hi = 1 + th;
        for (Comparison.Row r : rows) {
            lo = Math.min(lo, ratio(Double.isNaN(r.lower()) ? r.change() : r.lower()));
            hi = Math.max(hi, ratio(Double.isNaN(r.upper()) ? r.change() : r.upper()));
        }
        lo = Math.max(MIN_RATIO, lo / 1.05);
        hi = Math.min(MAX_RATIO, hi * 1.05);
        int height = TOP + rows.size() * ROW + BOTTOM + (hidden > 0 ? 18 : 0);
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            int x0 = LABEL_W;
            int x1 = WIDTH - RIGHT_W;
            int yTop = TOP;
            int yBot = TOP + rows.size() * ROW;
            Axis ax = new Axis(Math.log(lo), Math.log(hi), x0, x1);
            // title
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("Change per metric, current vs baseline (" + Math.round(c.level() * 100)
                    + "% CI of the median ratio)", 12, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString((c.quick() ? "QUICK RUNS: a smoke run, not a measurement. " : "")
                    + c.count(Comparison.Verdict.REGRESSED) + " regressed, " + c.count(Comparison.Verdict.IMPROVED)
                    + " improved, " + c.count(Comparison.Verdict.UNCHANGED) + " unchanged, "
                    + c.count(Comparison.Verdict.NOT_JUDGED) + " not judged (hollow). Shaded: the "
                    + String.format(Locale.ROOT, "±%.3g%%", 100 * th) + " noise threshold"
                    + (c.rows().stream().anyMatch(Comparison.Row::cpuTime) ? String.format(Locale.ROOT,
                    " (±%.3g%% for CPU-time rows)", 100 * c.settings().cpuThreshold()) : "") + ".", 12, 44);
            g.drawString("Times and bytes: right is worse. Rates (per_s): left is worse.", 12, 62);
            // each row's threshold band (CPU-time rows have their own threshold)
            g.setColor(new Color(0xee, 0xee, 0xee));
            for (int k = 0; k < rows.size(); k++) {
                double rt = c.settings().thresholdOf(rows.get(k));
                int bx0 = ax.x(Math.log(Math.max(lo, 1 - rt)));
                int bx1 = ax.x(Math.log(Math.min(hi, 1 + rt)));
                g.fillRect(bx0, yTop + k * ROW, Math.max(1, bx1 - bx0), ROW);
            }
            // ticks and grid
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            int lastX = -10_000;
            for (double t : TICKS) {
                if (t < lo || t > hi) {
                    continue;
                }
                int x = ax.x(Math.log(t));
                if (x - lastX < 48) {
                    continue;
                }
                lastX = x;
                g.setColor(t == 1 ? Color.BLACK : new Color(0xd0, 0xd7, 0xde));
                g.setStroke(new BasicStroke(t == 1 ? 1.5f : 1f));
                g.drawLine(x, yTop, x, yBot);
                String label = t == 1 ? "0" : String.format(Locale.ROOT, "%+.0f%%", 100 * (t - 1));
                g.setColor(Color.BLACK);
                g.drawString(label, x - fm.stringWidth(label) / 2, yBot + 16);
            }
            g.drawString("change of the median (log scale of current/baseline)",
                    (x0 + x1) / 2 - fm.stringWidth("change of the median (log scale of current/baseline)") / 2, yBot + 36);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(x0, yBot, x1, yBot);
            // rows
            for (int k = 0; k < rows.size(); k++) {
                Comparison.Row r = rows.get(k);
                int y = yTop + k * ROW + ROW / 2;
                Color col = switch (r.verdict()) {
                    case REGRESSED -> RED;
                    case IMPROVED -> GREEN;
                    default -> GREY;
                };
                g.setColor(Color.BLACK);
                g.drawString(fit(fm, r.key(), LABEL_W - 20), 10, y + 4);
                if (!Double.isNaN(r.lower())) {
                    double l = Math.log(ratio(r.lower()));
                    double u = Math.log(ratio(r.upper()));
                    int xl = ax.xClipped(l);
                    int xu = ax.xClipped(u);
                    g.setColor(col);
                    g.setStroke(new BasicStroke(2.5f));
                    g.drawLine(xl, y, xu, y);
                    g.setStroke(new BasicStroke(1.5f));
                    g.drawLine(xl, y - 5, xl, y + 5);
                    g.drawLine(xu, y - 5, xu, y + 5);
                    if (ax.clipped(l)) {
                        g.fillPolygon(new int[] {x0, x0 + 7, x0 + 7}, new int[] {y, y - 5, y + 5}, 3);
                    }
                    if (ax.clipped(u)) {
                        g.fillPolygon(new int[] {x1, x1 - 7, x1 - 7}, new int[] {y, y - 5, y + 5}, 3);
                    }
                }
                int xc = ax.xClipped(Math.log(ratio(r.change())));
                g.setColor(col);
                if (r.verdict() == Comparison.Verdict.NOT_JUDGED) {
                    g.setColor(Color.WHITE);
                    g.fillOval(xc - 5, y - 5, 10, 10);
                    g.setColor(col);
                    g.setStroke(new BasicStroke(1.5f));
                    g.drawOval(xc - 5, y - 5, 10, 10);
                } else {
                    g.fillOval(xc - 5, y - 5, 10, 10);
                }
                g.setColor(col);
                g.drawString(String.format(Locale.ROOT, "%+.1f%%  %s", 100 * r.change(), r.verdict().id()),
                        x1 + 12, y + 4);
            }
            if (hidden > 0) {
                g.setColor(GREY);
                g.drawString(hidden + " more metrics with smaller changes not drawn (see comparison.md)", 10,
                        height - 8);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode plot: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static int rank(Comparison.Verdict v) {
        return switch (v) {
            case REGRESSED -> 0;
            case IMPROVED -> 1;
            case UNCHANGED -> 2;
            default -> 3;
        };
    }

    /** {@code 1 + change}, kept positive for the log axis. */
    private static double ratio(double change) {
        return Math.max(MIN_RATIO / 2, 1 + change);
    }

    private static String fit(FontMetrics fm, String s, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 4 && fm.stringWidth("…" + t) > width) {
            t = t.substring(1);
        }
        return "…" + t;
    }

    /** Linear map from log ratio to pixels. */
    private record Axis(double lo, double hi, int x0, int x1) {
        int x(double v) {
            return (int) Math.round(x0 + (v - lo) / (hi - lo) * (x1 - x0));
        }

        boolean clipped(double v) {
            return v < lo || v > hi;
        }

        int xClipped(double v) {
            return x(Math.max(lo, Math.min(hi, v)));
        }
    }
}
