package dev.trialbench.bench.render;

import java.util.List;

/**
 * A report as a renderer-neutral tree: sections of paragraphs, tables, lists, warnings and images.
 * {@link MarkdownReport} and {@link HtmlReport} render the same tree, so both formats always say the
 * same thing. Text is "inline markup": {@code `code`} and {@code **bold**} only (see {@link Inline}).
 * Immutable.
 */
record Document(String title, List<Block> intro, List<Section> sections) {

    Document {
        intro = List.copyOf(intro);
        sections = List.copyOf(sections);
    }

    /** A section with an anchor id, a heading, and its blocks. */
    record Section(String id, String heading, List<Block> blocks) {
        Section {
            blocks = List.copyOf(blocks);
        }
    }

    sealed interface Block permits Paragraph, Table, Bullets, Warning, Image, Subheading {
    }

    record Paragraph(String text) implements Block {
    }

    record Subheading(String text) implements Block {
    }

    /** A loud notice: missing cells, unexpected results. */
    record Warning(String text) implements Block {
    }

    record Bullets(List<String> items) implements Block {
        Bullets {
            items = List.copyOf(items);
        }
    }

    /** @param rows each row has as many cells as there are headers */
    record Table(List<String> headers, List<List<String>> rows) implements Block {
        Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != headers.size()) {
                    throw new IllegalArgumentException("a row has " + row.size() + " cells for " + headers.size()
                            + " headers: " + row);
                }
            }
        }
    }

    /**
     * @param name chart file name without extension, under {@link Charts#FOLDER}
     */
    record Image(String name, String alt) implements Block {
    }
}
