package dev.trialbench.bench.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The inline markup of report text: {@code `code`} spans and {@code **bold**}, nothing else. Text
 * taken from the raw files goes through {@link #code} so that no character in it is read as markup.
 * Stateless.
 */
final class Inline {

    private Inline() {
    }

    /** A code span around any text (a backtick inside is replaced by a quote: plans and names have none). */
    static String code(String text) {
        return "`" + text.replace('`', '\'') + "`";
    }

    static String bold(String text) {
        return "**" + text + "**";
    }

    /** One piece of inline text: a code span, bold text, or plain text. */
    record Span(Kind kind, String text) {
        enum Kind { PLAIN, CODE, BOLD }
    }

    /** Splits inline markup into spans; an unclosed marker is read as plain text. */
    static List<Span> parse(String text) {
        List<Span> spans = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            if (text.charAt(at) == '`') {
                int end = text.indexOf('`', at + 1);
                if (end > at) {
                    flush(spans, plain);
                    spans.add(new Span(Span.Kind.CODE, text.substring(at + 1, end)));
                    at = end + 1;
                    continue;
                }
            } else if (text.startsWith("**", at)) {
                int end = text.indexOf("**", at + 2);
                if (end > at + 2) {
                    flush(spans, plain);
                    spans.add(new Span(Span.Kind.BOLD, text.substring(at + 2, end)));
                    at = end + 2;
                    continue;
                }
            }
            plain.append(text.charAt(at));
            at++;
        }
        flush(spans, plain);
        return spans;
    }

    private static void flush(List<Span> spans, StringBuilder plain) {
        if (!plain.isEmpty()) {
            spans.add(new Span(Span.Kind.PLAIN, plain.toString()));
            plain.setLength(0);
        }
    }
}
