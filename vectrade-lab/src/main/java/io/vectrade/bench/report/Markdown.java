package io.vectrade.bench.report;

/** Renders a {@link Report} as GitHub-flavoured Markdown; images link to the PNG files. Thread-safe. */
public final class Markdown implements Report.Renderer {
    @Override
    public String render(Report r) {
        StringBuilder b = new StringBuilder("# ").append(r.title()).append("\n");
        for (Report.Section s : r.sections()) {
            b.append("\n## ").append(s.heading()).append("\n");
            for (Report.Block block : s.blocks()) {
                b.append("\n");
                switch (block) {
                    case Report.Paragraph p -> b.append(p.text()).append("\n");
                    case Report.Bullets l -> l.items().forEach(i -> b.append("- ").append(i).append("\n"));
                    case Report.Table t -> table(b, t);
                    case Report.Image i -> b.append("![").append(i.plot().title()).append("](")
                            .append(i.fileName()).append(")\n");
                }
            }
        }
        return b.toString();
    }

    private static void table(StringBuilder b, Report.Table t) {
        row(b, t.header());
        b.append("|").append("---|".repeat(t.header().size())).append("\n");
        t.rows().forEach(r -> row(b, r.stream().map(Markdown::cell).toList()));
    }

    private static String cell(String c) {
        return switch (c) {
            case "PASS" -> "**PASS**";
            case "FAIL" -> "**FAIL**";
            default -> c;
        };
    }

    private static void row(StringBuilder b, java.util.List<String> cells) {
        b.append("|");
        for (String c : cells) {
            b.append(" ").append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        b.append("\n");
    }
}
