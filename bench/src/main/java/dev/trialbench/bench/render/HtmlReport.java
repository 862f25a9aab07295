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
import java.util.List;

/**
 * Renders a report as one self-contained HTML page ({@code report.html}): inline CSS, no script, no
 * external resource but the charts, referenced by relative path ({@code charts/*.svg}) so that the
 * page and its folder can be published as they are. Lines end with {@code \n}. Stateless.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 78rem;
                   padding: 0 1rem; color: #1d1d1f; line-height: 1.45; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
            h3 { font-size: 1.05rem; margin-top: 1.4rem; }
            table { border-collapse: collapse; margin: 0.8rem 0 1.2rem; font-size: 0.88rem; }
            th, td { border: 1px solid #d0d0d0; padding: 0.25rem 0.5rem; vertical-align: top; text-align: left; }
            th { background: #f2f2f2; }
            tr:nth-child(even) td { background: #fafafa; }
            code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; background: #f3f3f3;
                   padding: 0 0.2em; }
            .warning { border-left: 4px solid #c62828; background: #fdecea; padding: 0.5rem 0.8rem; margin: 0.8rem 0; }
            img { max-width: 100%; height: auto; border: 1px solid #e0e0e0; }
            nav ul { columns: 2; }
            """;

    private HtmlReport() {
    }

    /** The HTML report of a run folder's raw files. */
    public static String render(RunFolder run) {
        return render(ReportDocument.of(run));
    }

    static String render(Document document) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(document.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(document.title())).append("</h1>\n");
        document.intro().forEach(block -> block(out, block));
        out.append("<nav>\n<ul>\n");
        for (Section section : document.sections()) {
            out.append("<li><a href=\"#").append(section.id()).append("\">").append(inline(section.heading()))
                    .append("</a></li>\n");
        }
        out.append("</ul>\n</nav>\n");
        for (Section section : document.sections()) {
            out.append("<section id=\"").append(section.id()).append("\">\n<h2>").append(inline(section.heading()))
                    .append("</h2>\n");
            section.blocks().forEach(block -> block(out, block));
            out.append("</section>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static void block(StringBuilder out, Block block) {
        if (block instanceof Paragraph paragraph) {
            out.append("<p>").append(inline(paragraph.text())).append("</p>\n");
        } else if (block instanceof Subheading subheading) {
            out.append("<h3>").append(inline(subheading.text())).append("</h3>\n");
        } else if (block instanceof Warning warning) {
            out.append("<p class=\"warning\"><strong>Warning:</strong> ").append(inline(warning.text())).append("</p>\n");
        } else if (block instanceof Bullets bullets) {
            out.append("<ul>\n");
            bullets.items().forEach(item -> out.append("<li>").append(inline(item)).append("</li>\n"));
            out.append("</ul>\n");
        } else if (block instanceof Image image) {
            out.append("<p><img src=\"").append(Charts.FOLDER).append('/').append(escape(image.name()))
                    .append(".svg\" alt=\"").append(escape(image.alt())).append("\"></p>\n");
        } else if (block instanceof Table table) {
            table(out, table);
        }
    }

    private static void table(StringBuilder out, Table table) {
        out.append("<table>\n<thead><tr>");
        table.headers().forEach(header -> out.append("<th>").append(inline(header)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(inline(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** Inline markup to HTML: code spans and bold; everything else escaped. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        for (Inline.Span span : Inline.parse(text)) {
            switch (span.kind()) {
                case CODE -> out.append("<code>").append(escape(span.text())).append("</code>");
                case BOLD -> out.append("<strong>").append(inline(span.text())).append("</strong>");
                default -> out.append(escape(span.text()));
            }
        }
        return out.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
