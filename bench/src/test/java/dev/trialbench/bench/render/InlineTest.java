package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InlineTest {

    @Test
    void htmlRendersCodeAndBoldAndEscapesTheRest() {
        assertThat(HtmlReport.inline("**`NEWEST_REPORTS` now** costs < 5 ms & `a<b`"))
                .isEqualTo("<strong><code>NEWEST_REPORTS</code> now</strong> costs &lt; 5 ms &amp; <code>a&lt;b</code>");
    }

    @Test
    void anUnclosedMarkerIsPlainText() {
        assertThat(HtmlReport.inline("a ` b ** c")).isEqualTo("a ` b ** c");
    }

    @Test
    void markdownTablesEscapePipes() {
        Document document = new Document("t", java.util.List.of(), java.util.List.of(new Document.Section("s", "S",
                java.util.List.of(new Document.Table(java.util.List.of("a"), java.util.List.of(java.util.List.of("`x || y`")))))));

        assertThat(MarkdownReport.render(document)).contains("| `x \\|\\| y` |");
    }
}
