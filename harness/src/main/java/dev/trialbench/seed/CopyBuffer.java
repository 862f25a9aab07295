package dev.trialbench.seed;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Rows in one of PostgreSQL's two COPY formats, written straight into a byte array that the seeder
 * sends in chunks of about 1 MB: no String per value, no String.format per row. The generators call
 * the same methods in either format, one per column or a few parts then {@link #endField()}, and
 * {@link #endRow()} after the row's last column.
 *
 * <p><b>Binary</b> (what the seeder sends): each row is a 16-bit field count, each field a 32-bit
 * length (-1 for NULL) and the value in the type's binary form: uuid as 16 bytes, timestamptz as
 * microseconds since 2000-01-01 UTC, integer as 4 bytes, numeric as base-10000 digits, inet as family,
 * bits, flag, length and address, jsonb as version 1 and the JSON text, text as its bytes. The server
 * then copies bytes instead of parsing text into uuid, timestamptz, inet and numeric values: the
 * server is the seeding's bottleneck (at scale 1 the generator takes a few percent of each COPY's
 * time, {@code SeederScaleMeasurementTest}). The field's length is reserved
 * when a field opens and filled in when it ends; the row's count likewise. The column types are
 * those of the migrations (integer columns get {@link #number(long)}, jsonb columns open with
 * {@link #json()}); a mismatch is refused by the server's receive function, and
 * {@code SeededRowsFingerprintTest} checks that the rows equal those the text format loads.
 *
 * <p><b>Text</b>: fields end with a tab, rows with a newline. Nothing is escaped: every generated
 * value is ASCII without tab, newline, carriage return or backslash, which the fixed word lists and
 * the generators guarantee ({@link #ascii(String)} checks the lists once). Timestamps are written in
 * UTC with an explicit {@code +00}, so the session's TimeZone does not matter.
 *
 * <p>Mutable and not thread-safe: one per COPY.
 */
final class CopyBuffer {

    /** The COPY format a buffer writes. */
    enum Format {
        TEXT(""), BINARY(" (FORMAT binary)");

        private final String option;

        Format(String option) {
            this.option = option;
        }

        /** What follows {@code FROM STDIN} in the COPY statement. */
        String option() {
            return option;
        }
    }

    /** A chunk is sent once it holds this much. */
    static final int CHUNK_BYTES = 1 << 20;
    /** No generated row is longer than this (the longest, a report, is well under 1 KB). */
    private static final int MAX_ROW_BYTES = 8 * 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Binary COPY's signature, flags (none) and header extension length (none). */
    private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's timestamp epoch. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    /** inet's binary family codes (PGSQL_AF_INET, PGSQL_AF_INET6 in PostgreSQL's inet.h). */
    private static final byte INET_FAMILY_V4 = 2;
    private static final byte INET_FAMILY_V6 = 3;

    private final Format format;
    private final boolean binary;
    private final byte[] bytes = new byte[CHUNK_BYTES + MAX_ROW_BYTES];
    private int length;
    /** Binary only: where the open row's field count goes (-1: no row open), and its fields so far. */
    private int rowStart = -1;
    private int fields;
    /** Binary only: where the open field's length goes (-1: no field open). */
    private int fieldStart = -1;
    /** Binary only: scratch for a numeric's base-10000 digits (a numeric(12, 2) has at most 4). */
    private final short[] moneyDigits = new short[6];

    /** A buffer in text format. */
    CopyBuffer() {
        this(Format.TEXT);
    }

    CopyBuffer(Format format) {
        this.format = format;
        this.binary = format == Format.BINARY;
    }

    Format format() {
        return format;
    }

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

    /** What comes before the first row: binary COPY's header; nothing in text. */
    void startCopy() {
        if (binary) {
            System.arraycopy(BINARY_HEADER, 0, bytes, length, BINARY_HEADER.length);
            length += BINARY_HEADER.length;
        }
    }

    /** What comes after the last row: binary COPY's trailer (a field count of -1); nothing in text. */
    void endCopy() {
        if (binary) {
            putShort(-1);
        }
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
        if (binary) {
            wholeField(16);
            putLong(id.getMostSignificantBits());
            putLong(id.getLeastSignificantBits());
            return;
        }
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
        if (binary) {
            wholeField(text.length);
            System.arraycopy(text, 0, bytes, length, text.length);
            length += text.length;
            return;
        }
        append(text);
        endField();
    }

    /** An integer (int4) column. */
    void number(long value) {
        if (binary) {
            if (value != (int) value) {
                throw new IllegalArgumentException("Not an integer column's value: " + value);
            }
            wholeField(4);
            putInt((int) value);
            return;
        }
        appendNumber(value);
        endField();
    }

    void bool(boolean value) {
        if (binary) {
            wholeField(1);
            bytes[length++] = (byte) (value ? 1 : 0);
            return;
        }
        bytes[length++] = (byte) (value ? 't' : 'f');
        endField();
    }

    void nullValue() {
        if (binary) {
            wholeField(-1);
            return;
        }
        bytes[length++] = '\\';
        bytes[length++] = 'N';
        endField();
    }

    /** A numeric(12, 2) from a count of cents (not negative). */
    void money(long cents) {
        if (binary) {
            binaryMoney(cents);
            return;
        }
        appendNumber(cents / 100);
        bytes[length++] = '.';
        appendDigits(cents % 100, 2);
        endField();
    }

    /** A timestamptz, {@code 2024-05-01 12:34:56.789+00}. */
    void timestamp(long epochMillis) {
        if (binary) {
            wholeField(8);
            putLong(epochMillis * 1_000 - POSTGRES_EPOCH_MICROS);
            return;
        }
        appendTimestamp(epochMillis);
        endField();
    }

    void ipv4(int address) {
        if (binary) {
            wholeField(8);
            putInetHeader(INET_FAMILY_V4, 32, 4);
            putInt(address);
            return;
        }
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
        if (binary) {
            wholeField(20);
            putInetHeader(INET_FAMILY_V6, 128, 16);
            putLong(high);
            putLong(low);
            return;
        }
        for (int group = 0; group < 8; group++) {
            long word = group < 4 ? high : low;
            appendHex(word >>> (48 - 16 * (group & 3)), 4);
            bytes[length++] = (byte) (group < 7 ? ':' : '\t');
        }
    }

    /** Opens a jsonb column, whose JSON text follows in parts and then {@link #endField()}. */
    void json() {
        if (binary) {
            openField();
            bytes[length++] = 1; // jsonb's binary format version
        }
    }

    // ---- parts of a field, then endField() ------------------------------------------------

    void append(byte[] text) {
        openField();
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
    }

    void append(char asciiCharacter) {
        openField();
        bytes[length++] = (byte) asciiCharacter;
    }

    void appendNumber(long value) {
        openField();
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
        openField();
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }

    /** The lowest {@code digits} hex digits of a value, zero-padded. */
    void appendHex(long value, int digits) {
        openField();
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        length += digits;
    }

    void endField() {
        if (binary) {
            openField();
            int fieldLength = length - fieldStart - 4;
            length = fieldStart;
            putInt(fieldLength);
            length += fieldLength;
            fieldStart = -1;
            fields++;
            return;
        }
        bytes[length++] = '\t';
    }

    void endRow() {
        if (binary) {
            int end = length;
            length = rowStart;
            putShort(fields);
            length = end;
            rowStart = -1;
            return;
        }
        bytes[length - 1] = '\n';
    }

    // ---- binary format --------------------------------------------------------------------

    /** Binary: a field of known length (-1 for NULL) begins; its value follows. */
    private void wholeField(int fieldLength) {
        openRow();
        putInt(fieldLength);
        fields++;
    }

    /** Binary: reserves the open field's length unless a field is open already. */
    private void openField() {
        if (binary && fieldStart < 0) {
            openRow();
            fieldStart = length;
            length += 4;
        }
    }

    private void openRow() {
        if (rowStart < 0) {
            rowStart = length;
            length += 2;
            fields = 0;
        }
    }

    /**
     * numeric's binary form of cents / 100 with display scale 2: digit count, weight (of the first
     * base-10000 digit), sign, scale, then the digits, without leading or trailing zero digits, as
     * the server stores the same value typed as text.
     */
    private void binaryMoney(long cents) {
        if (cents < 0) {
            throw new IllegalArgumentException("Negative money: " + cents);
        }
        long whole = cents / 100;
        short[] digits = moneyDigits;
        int count = 0;
        for (long rest = whole; rest > 0; rest /= 10_000) {
            count++;
        }
        int weight = count - 1;
        long rest = whole;
        for (int i = count - 1; i >= 0; i--) {
            digits[i] = (short) (rest % 10_000);
            rest /= 10_000;
        }
        digits[count++] = (short) (cents % 100 * 100);
        int first = 0;
        while (first < count && digits[first] == 0) {
            first++;
            weight--;
        }
        while (count > first && digits[count - 1] == 0) {
            count--;
        }
        if (first == count) {
            weight = 0;
        }
        wholeField(8 + 2 * (count - first));
        putShort(count - first);
        putShort(weight);
        putShort(0); // positive
        putShort(2); // display scale
        for (int i = first; i < count; i++) {
            putShort(digits[i]);
        }
    }

    private void putInetHeader(byte family, int bits, int addressBytes) {
        bytes[length++] = family;
        bytes[length++] = (byte) bits;
        bytes[length++] = 0; // not cidr
        bytes[length++] = (byte) addressBytes;
    }

    private void putShort(int value) {
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void putInt(int value) {
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
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
