package dev.trialbench.seed;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Rows in PostgreSQL's COPY text format, written straight into a byte array that the seeder sends
 * in chunks of about 1 MB: no String per value, no String.format per row. Field methods append the
 * value and a tab; {@link #endRow()} turns the row's last tab into a newline.
 *
 * <p>Nothing is escaped: every generated value is ASCII without tab, newline, carriage return or
 * backslash, which the fixed word lists and the generators guarantee ({@link #ascii(String)} checks
 * the lists once). Timestamps are written in UTC with an explicit {@code +00}, so the session's
 * TimeZone does not matter. Mutable and not thread-safe: one per COPY.
 */
final class CopyBuffer {

    /** A chunk is sent once it holds this much. */
    static final int CHUNK_BYTES = 1 << 20;
    /** No generated row is longer than this (the longest, a report, is well under 1 KB). */
    private static final int MAX_ROW_BYTES = 8 * 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final byte[] bytes = new byte[CHUNK_BYTES + MAX_ROW_BYTES];
    private int length;

    /** Whether the buffer holds a full chunk (call after {@link #endRow()}). */
    boolean full() {
        return length >= CHUNK_BYTES;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /** Converts a fixed word once, refusing what COPY text would need escaped. */
    static byte[] ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException("Not plain printable ASCII at " + i + ": " + text);
            }
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[][] ascii(String... texts) {
        byte[][] result = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            result[i] = ascii(texts[i]);
        }
        return result;
    }

    // ---- whole fields -----------------------------------------------------------------------

    void uuid(UUID id) {
        appendHex(id.getMostSignificantBits() >>> 32, 8);
        bytes[length++] = '-';
        appendHex(id.getMostSignificantBits() >>> 16, 4);
        bytes[length++] = '-';
        appendHex(id.getMostSignificantBits(), 4);
        bytes[length++] = '-';
        appendHex(id.getLeastSignificantBits() >>> 48, 4);
        bytes[length++] = '-';
        appendHex(id.getLeastSignificantBits(), 12);
        endField();
    }

    void text(byte[] text) {
        append(text);
        endField();
    }

    void number(long value) {
        appendNumber(value);
        endField();
    }

    void bool(boolean value) {
        bytes[length++] = (byte) (value ? 't' : 'f');
        endField();
    }

    void nullValue() {
        bytes[length++] = '\\';
        bytes[length++] = 'N';
        endField();
    }

    /** A numeric(12, 2) from a count of cents (not negative). */
    void money(long cents) {
        appendNumber(cents / 100);
        bytes[length++] = '.';
        appendDigits(cents % 100, 2);
        endField();
    }

    /** A timestamptz, {@code 2024-05-01 12:34:56.789+00}. */
    void timestamp(long epochMillis) {
        appendTimestamp(epochMillis);
        endField();
    }

    void ipv4(int address) {
        appendNumber(address >>> 24);
        bytes[length++] = '.';
        appendNumber((address >>> 16) & 0xFF);
        bytes[length++] = '.';
        appendNumber((address >>> 8) & 0xFF);
        bytes[length++] = '.';
        appendNumber(address & 0xFF);
        endField();
    }

    /** An IPv6 address in full form: eight groups of four hex digits. */
    void ipv6(long high, long low) {
        for (int group = 0; group < 8; group++) {
            long word = group < 4 ? high : low;
            appendHex(word >>> (48 - 16 * (group & 3)), 4);
            bytes[length++] = (byte) (group < 7 ? ':' : '\t');
        }
    }

    // ---- parts of a field, then endField() ------------------------------------------------

    void append(byte[] text) {
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
    }

    void append(char asciiCharacter) {
        bytes[length++] = (byte) asciiCharacter;
    }

    void appendNumber(long value) {
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        appendDigits(value, digits);
    }

    /** The lowest {@code digits} decimal digits of a non-negative value, zero-padded. */
    void appendDigits(long value, int digits) {
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }

    /** The lowest {@code digits} hex digits of a value, zero-padded. */
    void appendHex(long value, int digits) {
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        length += digits;
    }

    void endField() {
        bytes[length++] = '\t';
    }

    void endRow() {
        bytes[length - 1] = '\n';
    }

    private void appendTimestamp(long epochMillis) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        long millisOfDay = Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // Civil date from days since 1970-01-01 (proleptic Gregorian), by 400-year eras.
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        appendDigits(year, 4);
        bytes[length++] = '-';
        appendDigits(month, 2);
        bytes[length++] = '-';
        appendDigits(day, 2);
        bytes[length++] = ' ';
        appendDigits(millisOfDay / 3_600_000, 2);
        bytes[length++] = ':';
        appendDigits(millisOfDay / 60_000 % 60, 2);
        bytes[length++] = ':';
        appendDigits(millisOfDay / 1_000 % 60, 2);
        bytes[length++] = '.';
        appendDigits(millisOfDay % 1_000, 3);
        bytes[length++] = '+';
        bytes[length++] = '0';
        bytes[length++] = '0';
    }
}
