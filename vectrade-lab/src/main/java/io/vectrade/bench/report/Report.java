package io.vectrade.bench.report;

import java.util.List;

/**
 * A report as a small document tree (title → sections → blocks), rendered by {@link Markdown}
 * and {@link Html}. Immutable.
 *
 * @param title    the heading
 * @param sections in order
 */
public record Report(String title, List<Section> sections) {
    public Report {
        sections = List.copyOf(sections);
    }

    /** A section: a heading and its blocks. */
    public record Section(String heading, List<Block> blocks) {
        public Section {
            blocks = List.copyOf(blocks);
        }
    }

    /** A block of a section. */
    public sealed interface Block permits Paragraph, Bullets, Table, Image {
    }

    /** A paragraph of plain text. */
    public record Paragraph(String text) implements Block {
    }

    /** A bullet list. */
    public record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /** A table; cells {@code PASS}, {@code FAIL}, {@code NOT_MEASURED} render as status badges. */
    public record Table(List<String> header, List<List<String>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A plot: linked as a file in Markdown, embedded in HTML. */
    public record Image(String fileName, Plot plot) implements Block {
    }

    /** Renders a report to text. */
    public interface Renderer {
        String render(Report r);
    }
}
