package io.vectrade.bench.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The history as one self-contained HTML page (inline CSS and SVG, one small inline script that
 * only records what rendered; nothing fetched): one panel per metric with its median per run in
 * commit order and the 95% interval as an error bar, change points ({@link ChangePoints}) ringed in
 * red, machine changes as dashed lines, and a table of the runs. Quick runs are left out (named in
 * the header). Thread-safe (no state).
 */
public final class Dashboard {
    /** Colour of a change point's ring. */
    public static final String CHANGE_COLOR = "#cf222e";
    /** Colour of the series. */
    public static final String SERIES_COLOR = "#0969da";
    private static final int W = 400;
    private static final int H = 240;
    private static final int L = 64;
    private static final int R = 12;
    private static final int T = 44;
    private static final int B = 62;

    private Dashboard() {
    }

    /** The page for {@code entries} (file order); {@code threshold} is the change-point threshold. */
    public static String html(List<HistoryEntry> entries, double threshold, String source) {
        List<HistoryEntry> runs = entries.stream().filter(e -> !e.quick()).toList();
        int quick = entries.size() - runs.size();
        Map<String, HistoryEntry.Point> first = new LinkedHashMap<>();
        for (HistoryEntry e : runs) {
            e.metrics().forEach(first::putIfAbsent);
        }
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>vectrade history</title>\n")
                .append("<style>body{font-family:sans-serif;margin:16px;color:#1f2328}")
                .append(".grid{display:flex;flex-wrap:wrap;gap:8px}svg.metric{border:1px solid #d0d7de;background:#fff}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #d0d7de;padding:2px 6px}")
                .append(".legend span{margin-right:18px}</style></head>\n<body>\n");
        b.append("<h1>vectrade benchmark history</h1>\n<p>").append(esc(source)).append(": ").append(runs.size())
                .append(" runs over ").append(runs.stream().map(HistoryEntry::shortCommit).distinct().count())
                .append(" commits, ").append(first.size()).append(" metrics")
                .append(quick > 0 ? "; " + quick + " quick smoke runs left out (not measurements)" : "")
                .append(".</p>\n<p class=\"legend\"><span style=\"color:").append(SERIES_COLOR)
                .append("\">&#9679; median, bar = 95% bootstrap interval</span><span style=\"color:")
                .append(CHANGE_COLOR).append("\">&#9711; change point: moved more than ")
                .append(fmtPct(threshold)).append(" with disjoint intervals</span><span>&#9476; machine changed</span>")
                .append("<span>* commit with uncommitted changes</span></p>\n");
        b.append("<div class=\"grid\">\n");
        List<String> machines = runs.stream().map(HistoryEntry::machine).toList();
        for (var e : first.entrySet()) {
            panel(b, e.getKey(), e.getValue(), runs, machines, threshold);
        }
        b.append("</div>\n<h2>Runs</h2>\n<table><tr><th>#</th><th>commit</th><th>machine</th><th>time</th><th>run</th></tr>\n");
        for (int i = 0; i < runs.size(); i++) {
            HistoryEntry e = runs.get(i);
            b.append("<tr><td>").append(i + 1).append("</td><td>").append(esc(e.shortCommit())).append("</td><td>")
                    .append(esc(e.machine())).append("</td><td>").append(esc(String.valueOf(e.time()))).append("</td><td>")
                    .append(esc(e.run())).append("</td></tr>\n");
        }
        b.append("</table>\n<script>\n// records what the browser laid out (read by the rendering test)\n")
                .append("var p=[].slice.call(document.querySelectorAll('svg.metric')).filter(function(s){")
                .append("var r=s.getBoundingClientRect();return r.width>0&&r.height>0;});\n")
                .append("document.body.setAttribute('data-rendered','panels='+p.length+' series='")
                .append("+document.querySelectorAll('path.series').length+' change_points='")
                .append("+document.querySelectorAll('.change-point').length+' machine_changes='")
                .append("+document.querySelectorAll('.machine-change').length);\n</script>\n</body></html>\n");
        return b.toString();
    }

    private static void panel(StringBuilder b, String key, HistoryEntry.Point proto, List<HistoryEntry> runs,
                              List<String> machines, double threshold) {
        List<Integer> idx = new ArrayList<>();
        List<HistoryEntry.Point> pts = new ArrayList<>();
        List<String> ms = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            HistoryEntry.Point p = runs.get(i).metrics().get(key);
            if (p != null) {
                idx.add(i);
                pts.add(p);
                ms.add(machines.get(i));
            }
        }
        Scale unit = Scale.of(proto.unit(), pts.stream().mapToDouble(HistoryEntry.Point::upper).max().orElse(1));
        double lo = pts.stream().mapToDouble(HistoryEntry.Point::lower).min().orElse(0) / unit.div;
        double hi = pts.stream().mapToDouble(HistoryEntry.Point::upper).max().orElse(1) / unit.div;
        double[] ticks = niceTicks(lo, hi);
        lo = Math.min(lo, ticks[0]);
        hi = Math.max(hi, ticks[ticks.length - 1]);
        if (hi <= lo) {
            hi = lo + 1;
        }
        int n = Math.max(1, runs.size());
        double pw = W - L - R;
        double ph = H - T - B;
        double fy0 = lo;
        double fy1 = hi;
        java.util.function.DoubleUnaryOperator y = v -> T + ph - (v / unit.div - fy0) / (fy1 - fy0) * ph;
        java.util.function.IntToDoubleFunction x = i -> L + (n == 1 ? pw / 2 : pw * (i + 0.5) / n);
        b.append("<svg class=\"metric\" data-metric=\"").append(esc(key)).append("\" width=\"").append(W)
                .append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\">\n");
        b.append("<text x=\"8\" y=\"16\" font-size=\"12\" font-weight=\"bold\">").append(esc(key)).append("</text>\n");
        b.append("<text x=\"8\" y=\"29\" font-size=\"10\" fill=\"#57606a\">median ").append(unit.label)
                .append(proto.higherIsBetter() ? ", higher is better" : ", lower is better").append("</text>\n");
        for (double t : ticks) {
            double ty = T + ph - (t - lo) / (hi - lo) * ph;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eaeef2\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>%n", L, W - R, ty, ty,
                    L - 4, ty + 3, tick(t)));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#57606a\"/>%n",
                L, W - R, T + ph, T + ph));
        // commit labels on the x axis (every k-th when crowded)
        int every = Math.max(1, (int) Math.ceil(n / 10.0));
        for (int i = 0; i < runs.size(); i += every) {
            double tx = x.applyAsDouble(i);
            b.append(String.format(Locale.ROOT, "<text font-size=\"9\" transform=\"translate(%.1f,%.1f) rotate(-40)\" "
                    + "text-anchor=\"end\">%s</text>%n", tx + 3, T + ph + 12, esc(runs.get(i).shortCommit())));
        }
        // machine changes (over the whole history, so panels line up)
        for (int i = 1; i < runs.size(); i++) {
            if (!machines.get(i).equals(machines.get(i - 1))) {
                double mx = (x.applyAsDouble(i) + x.applyAsDouble(i - 1)) / 2;
                b.append(String.format(Locale.ROOT, "<line class=\"machine-change\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" "
                        + "y2=\"%.1f\" stroke=\"#57606a\" stroke-dasharray=\"4 3\"><title>machine changed: %s</title>"
                        + "</line>%n", mx, mx, T, T + ph, esc(machines.get(i))));
            }
        }
        StringBuilder poly = new StringBuilder();
        for (int k = 0; k < pts.size(); k++) {
            HistoryEntry.Point p = pts.get(k);
            double px = x.applyAsDouble(idx.get(k));
            // the line breaks where the machine changed: those points are not comparable
            boolean move = k == 0 || !ms.get(k).equals(ms.get(k - 1));
            poly.append(String.format(Locale.ROOT, "%s%.1f,%.1f ", move ? "M" : "L", px, y.applyAsDouble(p.median())));
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"1.5\"/>%n", px, px, y.applyAsDouble(p.lower()), y.applyAsDouble(p.upper()),
                    SERIES_COLOR));
        }
        b.append("<path class=\"series\" data-metric=\"").append(esc(key)).append("\" fill=\"none\" stroke=\"")
                .append(SERIES_COLOR).append("\" stroke-width=\"1.5\" d=\"").append(poly.toString().strip())
                .append("\"/>\n");
        for (int k = 0; k < pts.size(); k++) {
            HistoryEntry.Point p = pts.get(k);
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s "
                    + "[%s, %s], n=%d</title></circle>%n", x.applyAsDouble(idx.get(k)), y.applyAsDouble(p.median()),
                    SERIES_COLOR, esc(runs.get(idx.get(k)).shortCommit()), tick(p.median() / unit.div),
                    tick(p.lower() / unit.div), tick(p.upper() / unit.div), p.n()));
        }
        for (int k : ChangePoints.of(pts, ms, threshold)) {
            HistoryEntry.Point p = pts.get(k);
            HistoryEntry.Point prev = pts.get(k - 1);
            b.append(String.format(Locale.ROOT, "<circle class=\"change-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"8\" "
                    + "fill=\"none\" stroke=\"%s\" stroke-width=\"3\"><title>change point: %+.1f%%</title></circle>%n",
                    x.applyAsDouble(idx.get(k)), y.applyAsDouble(p.median()), CHANGE_COLOR,
                    100 * (p.median() / prev.median() - 1)));
        }
        b.append("</svg>\n");
    }

    /** A display unit: divisor and label. */
    private record Scale(double div, String label) {
        static Scale of(String unit, double max) {
            return switch (unit) {
                case "ns" -> max >= 1e9 ? new Scale(1e9, "s") : max >= 1e6 ? new Scale(1e6, "ms")
                        : max >= 1e3 ? new Scale(1e3, "µs") : new Scale(1, "ns");
                case "bytes" -> max >= 1L << 30 ? new Scale(1L << 30, "GiB") : max >= 1 << 20 ? new Scale(1 << 20, "MiB")
                        : max >= 1 << 10 ? new Scale(1 << 10, "KiB") : new Scale(1, "bytes");
                case "per_s" -> max >= 1e9 ? new Scale(1e9, "G/s") : max >= 1e6 ? new Scale(1e6, "M/s")
                        : max >= 1e3 ? new Scale(1e3, "k/s") : new Scale(1, "/s");
                default -> new Scale(1, unit);
            };
        }
    }

    /** About five round ticks covering [lo, hi]. */
    static double[] niceTicks(double lo, double hi) {
        if (!(hi > lo)) {
            double c = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            lo -= c;
            hi += c;
        }
        double raw = (hi - lo) / 4;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3 ? 2 * mag : raw / mag < 7 ? 5 * mag : 10 * mag;
        double start = Math.floor(lo / step) * step;
        List<Double> t = new ArrayList<>();
        for (double v = start; v <= hi + step * 0.999; v += step) {
            t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String tick(double v) {
        if (v == 0) {
            return "0";
        }
        String s = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return s;
    }

    private static String fmtPct(double f) {
        return String.format(Locale.ROOT, "%.3g%%", 100 * f);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
