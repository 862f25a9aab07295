package dev.trialbench.bench.render;

import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Bullets;
import dev.trialbench.bench.render.Document.Image;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import dev.trialbench.bench.render.Document.Subheading;
import dev.trialbench.bench.render.Document.Table;
import dev.trialbench.bench.render.Document.Warning;
import dev.trialbench.bench.runfolder.RunFolder;

/**
 * Renders a report as GitHub-flavoured Markdown ({@code report.md}); charts as the PNG files in
 * {@code charts/}. Lines end with {@code \n} on every platform. Stateless.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** The Markdown report of a run folder's raw files. */
    public static String render(RunFolder run) {
        return render(ReportDocument.of(run));
    }

    static String render(Document document) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(document.title()).append("\n\n");
        document.intro().forEach(block -> block(out, block));
        out.append("## Contents\n\n");
        for (Section section : document.sections()) {
            out.append("- [").append(section.heading()).append("](#").append(section.id()).append(")\n");
        }
        out.append('\n');
        for (Section section : document.sections()) {
            out.append("<a id=\"").append(section.id()).append("\"></a>\n\n");
            out.append("## ").append(section.heading()).append("\n\n");
            section.blocks().forEach(block -> block(out, block));
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static void block(StringBuilder out, Block block) {
        if (block instanceof Paragraph paragraph) {
            out.append(paragraph.text()).append("\n\n");
        } else if (block instanceof Subheading subheading) {
            out.append("### ").append(subheading.text()).append("\n\n");
        } else if (block instanceof Warning warning) {
            out.append("> **Warning:** ").append(warning.text()).append("\n\n");
        } else if (block instanceof Bullets bullets) {
            bullets.items().forEach(item -> out.append("- ").append(item).append('\n'));
            out.append('\n');
        } else if (block instanceof Image image) {
            out.append("![").append(image.alt()).append("](").append(Charts.FOLDER).append('/')
                    .append(image.name()).append(".png)\n\n");
        } else if (block instanceof Table table) {
            table(out, table);
        }
    }

    private static void table(StringBuilder out, Table table) {
        row(out, table.headers());
        out.append('|');
        table.headers().forEach(header -> out.append("---|"));
        out.append('\n');
        table.rows().forEach(row -> row(out, row));
        out.append('\n');
    }

    private static void row(StringBuilder out, java.util.List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|").replace('\n', ' ')).append(" |");
        }
        out.append('\n');
    }
}
