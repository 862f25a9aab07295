package dev.trialbench.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {

    @Test
    void objectsKeepMemberOrderAndNestedValues() {
        Object parsed = JsonParser.parse("""
                 { "Plan": { "Node Type": "Limit", "Plans": [ {"Node Type": "Seq Scan"} ] },
                   "Planning Time": 0.125, "Triggers": [], "Empty": {} }
                """);

        assertThat(parsed).isInstanceOf(Map.class);
        Map<String, Object> root = object(parsed);
        assertThat(root.keySet()).containsExactly("Plan", "Planning Time", "Triggers", "Empty");
        Map<?, ?> plan = (Map<?, ?>) root.get("Plan");
        assertThat(plan.get("Node Type")).isEqualTo("Limit");
        assertThat((List<?>) plan.get("Plans")).hasSize(1);
        assertThat(root.get("Planning Time")).isEqualTo(new BigDecimal("0.125"));
        assertThat((List<?>) root.get("Triggers")).isEmpty();
        assertThat((Map<?, ?>) root.get("Empty")).isEmpty();
    }

    @Test
    void literalsAndNullValuesAreRead() {
        Map<?, ?> root = (Map<?, ?>) JsonParser.parse("{\"a\": true, \"b\": false, \"c\": null}");

        assertThat(root.get("a")).isEqualTo(Boolean.TRUE);
        assertThat(root.get("b")).isEqualTo(Boolean.FALSE);
        assertThat(root.containsKey("c")).isTrue();
        assertThat(root.get("c")).isNull();
    }

    @Test
    void numbersKeepEveryDigit() {
        List<Object> numbers = array(JsonParser.parse("[0, -12, 3.50, 1e3, -2.5E-2, 9223372036854775807, 10000000000.00]"));

        assertThat(numbers).containsExactly(new BigDecimal("0"), new BigDecimal("-12"), new BigDecimal("3.50"),
                new BigDecimal("1e3"), new BigDecimal("-2.5E-2"), new BigDecimal("9223372036854775807"),
                new BigDecimal("10000000000.00"));
        assertThat(((BigDecimal) numbers.get(5)).longValueExact()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void stringEscapesAreDecoded() {
        String parsed = (String) JsonParser.parse(
                "\"quote \\\" backslash \\\\ slash \\/ tab \\t newline \\n cr \\r \\b \\f e-acute \\u00e9 clef \\ud834\\udd1e\"");

        assertThat(parsed).isEqualTo("quote \" backslash \\ slash / tab \t newline \n cr \r \b \f e-acute \u00e9 clef \uD834\uDD1E");
    }

    @Test
    void unicodeTextPassesThroughUnchanged() {
        assertThat(JsonParser.parse("\"Index Cond: (name = 'Zoë ✓')\"")).isEqualTo("Index Cond: (name = 'Zoë ✓')");
    }

    @Test
    void topLevelScalarsAndWhitespaceAreAccepted() {
        assertThat(JsonParser.parse(" \n\t 42 \r\n")).isEqualTo(new BigDecimal("42"));
        assertThat(JsonParser.parse("null")).isNull();
    }

    @Test
    void parsedContainersAreUnmodifiable() {
        Map<?, ?> root = (Map<?, ?>) JsonParser.parse("{\"list\": [1]}");

        assertThatThrownBy(root::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) root.get("list")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\": 1,}", "{a: 1}", "\"open",
            "\"bad \\x escape\"", "\"\\u12\"", "01", "1.", "-", "1e", "tru", "nul", "[1] x", "'single'",
            "\"raw\ttab\"", "NaN", "{\"a\": 1}}"})
    void malformedInputIsRefusedWithTheOffset(String malformed) {
        assertThatThrownBy(() -> JsonParser.parse(malformed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid JSON at offset ");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object value) {
        return (List<Object>) value;
    }

    @Test
    void nullTextIsRefused() {
        assertThatThrownBy(() -> JsonParser.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void excessiveNestingIsRefusedInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
        String allowed = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);

        assertThatThrownBy(() -> JsonParser.parse(deep)).hasMessageContaining("nesting deeper than");
        assertThat(JsonParser.parse(allowed)).isInstanceOf(List.class);
    }
}
