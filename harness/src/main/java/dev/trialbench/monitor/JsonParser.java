package dev.trialbench.monitor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for what PostgreSQL's {@code EXPLAIN (FORMAT JSON)} emits: objects,
 * arrays, strings with escapes, numbers, booleans and null. It exists so that reading a plan needs
 * no JSON library on the classpath.
 *
 * <p>Values come back as plain Java values: {@code Map<String, Object>} (insertion-ordered,
 * unmodifiable, null values allowed), {@code List<Object>} (unmodifiable), {@code String},
 * {@code BigDecimal} (so that 64-bit ids such as "Query Identifier" keep every digit),
 * {@code Boolean}, and {@code null}. Malformed input fails with an {@link IllegalArgumentException}
 * that names the offset. Nesting deeper than {@value #MAX_DEPTH} is refused instead of overflowing
 * the stack.
 *
 * <p>Thread-safe: {@link #parse(String)} builds a new parser per call; an instance is used by one
 * thread only.
 */
final class JsonParser {

    static final int MAX_DEPTH = 512;

    private final String text;
    private int position;
    private int depth;

    private JsonParser(String text) {
        this.text = text;
    }

    /** Parses one JSON value that makes up the whole text (surrounding whitespace allowed). */
    static Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Invalid JSON: the text is null");
        }
        JsonParser parser = new JsonParser(text);
        parser.skipWhitespace();
        Object value = parser.readValue();
        parser.skipWhitespace();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    private Object readValue() {
        if (position >= text.length()) {
            throw error("unexpected end of input, a value was expected");
        }
        char next = text.charAt(position);
        return switch (next) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> {
                if (next == '-' || isDigit(next)) {
                    yield readNumber();
                }
                throw error("unexpected character '" + next + "'");
            }
        };
    }

    private Map<String, Object> readObject() {
        enter();
        position++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            depth--;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("a member name in double quotes was expected");
            }
            String name = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(name, readValue());
            skipWhitespace();
            char separator = peek();
            position++;
            if (separator == '}') {
                depth--;
                return Collections.unmodifiableMap(members);
            }
            if (separator != ',') {
                position--;
                throw error("',' or '}' was expected");
            }
        }
    }

    private List<Object> readArray() {
        enter();
        position++; // '['
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            depth--;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(readValue());
            skipWhitespace();
            char separator = peek();
            position++;
            if (separator == ']') {
                depth--;
                return Collections.unmodifiableList(elements);
            }
            if (separator != ',') {
                position--;
                throw error("',' or ']' was expected");
            }
        }
    }

    private String readString() {
        position++; // opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw error("unterminated string");
            }
            char next = text.charAt(position++);
            if (next == '"') {
                return value.toString();
            }
            if (next < 0x20) {
                position--;
                throw error("unescaped control character in a string");
            }
            if (next != '\\') {
                value.append(next);
                continue;
            }
            if (position >= text.length()) {
                throw error("unterminated escape sequence");
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case '"' -> value.append('"');
                case '\\' -> value.append('\\');
                case '/' -> value.append('/');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(readHexCodeUnit());
                default -> {
                    position--;
                    throw error("unknown escape '\\" + escaped + "'");
                }
            }
        }
    }

    /** Four hex digits after {@code \\u}; surrogate pairs arrive as two escapes and join by themselves. */
    private char readHexCodeUnit() {
        if (position + 4 > text.length()) {
            throw error("a \\u escape needs four hex digits");
        }
        int codeUnit = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position), 16);
            if (digit < 0) {
                throw error("a \\u escape needs four hex digits");
            }
            codeUnit = codeUnit * 16 + digit;
            position++;
        }
        return (char) codeUnit;
    }

    private BigDecimal readNumber() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("a digit was expected");
        }
        if (peek() == '.') {
            position++;
            if (!isDigit(peek())) {
                throw error("a digit was expected after the decimal point");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw error("a digit was expected in the exponent");
            }
            skipDigits();
        }
        return new BigDecimal(text.substring(start, position));
    }

    private Object readLiteral(String literal, Object value) {
        if (!text.startsWith(literal, position)) {
            throw error("'" + literal + "' was expected");
        }
        position += literal.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char expected) {
        if (peek() != expected) {
            throw error("'" + expected + "' was expected");
        }
        position++;
    }

    /** The character at the current position, or {@code 0} at the end (never valid where it is checked). */
    private char peek() {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char next = text.charAt(position);
            if (next != ' ' && next != '\n' && next != '\r' && next != '\t') {
                return;
            }
            position++;
        }
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("Invalid JSON at offset " + position + ": " + problem);
    }
}
