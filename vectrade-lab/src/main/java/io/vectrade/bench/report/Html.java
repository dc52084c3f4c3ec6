package io.vectrade.bench.report;

import java.util.Base64;

/**
 * Renders a {@link Report} as one self-contained HTML page: inline CSS, plots embedded as
 * {@code data:image/png;base64} URIs, no scripts, no external resources. Status cells render as
 * coloured badges: PASS {@value #PASS_COLOR}, FAIL {@value #FAIL_COLOR}, NOT_MEASURED grey.
 * Thread-safe.
 */
public final class Html implements Report.Renderer {
    /** Background colour of a PASS badge. */
    public static final String PASS_COLOR = "#1a7f37";
    /** Background colour of a FAIL badge. */
    public static final String FAIL_COLOR = "#cf222e";

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#1f2328;\
            background:#ffffff;max-width:1150px}
            h1{font-size:26px;border-bottom:3px solid #0969da;padding-bottom:6px}
            h2{font-size:20px;margin-top:28px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            table{border-collapse:collapse;margin:8px 0;font-size:13px}
            th{background:#eaeef2;text-align:left}
            th,td{border:1px solid #d0d7de;padding:4px 8px}
            tr:nth-child(even) td{background:#f6f8fa}
            .badge{display:inline-block;min-width:64px;text-align:center;color:#ffffff;font-weight:700;\
            padding:3px 8px;border-radius:4px}
            .PASS{background:%s}.FAIL{background:%s}.NOT_MEASURED{background:#8c959f}.NOT_JUDGED{background:#8c959f}
            img{max-width:100%%;border:1px solid #d0d7de;margin:8px 0}
            """.formatted(PASS_COLOR, FAIL_COLOR);

    @Override
    public String render(Report r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(r.title())).append("</title>\n<style>\n").append(CSS).append("</style></head>\n<body>\n")
                .append("<h1>").append(esc(r.title())).append("</h1>\n");
        for (Report.Section s : r.sections()) {
            b.append("<h2>").append(esc(s.heading())).append("</h2>\n");
            for (Report.Block block : s.blocks()) {
                switch (block) {
                    case Report.Paragraph p -> b.append("<p>").append(esc(p.text())).append("</p>\n");
                    case Report.Bullets l -> {
                        b.append("<ul>\n");
                        l.items().forEach(i -> b.append("<li>").append(esc(i)).append("</li>\n"));
                        b.append("</ul>\n");
                    }
                    case Report.Table t -> table(b, t);
                    case Report.Image i -> b.append("<figure><img alt=\"").append(esc(i.plot().title()))
                            .append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(i.plot().png()))
                            .append("\"><figcaption>").append(esc(i.plot().title())).append("</figcaption></figure>\n");
                }
            }
        }
        return b.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder b, Report.Table t) {
        b.append("<table>\n<tr>");
        t.header().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr>\n");
        for (var row : t.rows()) {
            b.append("<tr>");
            for (String c : row) {
                if (c.equals("PASS") || c.equals("FAIL") || c.equals("NOT_MEASURED") || c.equals("NOT_JUDGED")) {
                    b.append("<td><span class=\"badge ").append(c).append("\">").append(c).append("</span></td>");
                } else {
                    b.append("<td>").append(esc(c)).append("</td>");
                }
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
