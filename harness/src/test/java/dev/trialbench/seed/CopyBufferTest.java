package dev.trialbench.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyBufferTest {

    private static final DateTimeFormatter COPY_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS'+00'").withZone(ZoneOffset.UTC);

    @Test
    void timestampsMatchJavaTimeAcrossCenturiesAndLeapDays() {
        long[] samples = {0, -1, 951_782_400_000L, 951_868_799_999L, 1_709_164_800_123L, 4_107_542_399_999L,
                -2_208_988_800_000L};
        for (long millis : samples) {
            assertThat(written(buffer -> buffer.timestamp(millis)))
                    .isEqualTo(COPY_TIMESTAMP.format(Instant.ofEpochMilli(millis)) + "\n");
        }
        RowRandom random = new RowRandom();
        random.reset(7, 7);
        for (int i = 0; i < 10_000; i++) {
            long millis = random.below(4_102_444_800_000L);
            assertThat(written(buffer -> buffer.timestamp(millis)))
                    .isEqualTo(COPY_TIMESTAMP.format(Instant.ofEpochMilli(millis)) + "\n");
        }
    }

    @Test
    void fieldsAreTabSeparatedAndRowsEndWithNewline() {
        UUID id = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d");
        String row = written(buffer -> {
            buffer.uuid(id);
            buffer.number(-42);
            buffer.money(123_405);
            buffer.nullValue();
            buffer.bool(true);
            buffer.ipv4((10 << 24) | (1 << 8) | 255);
            buffer.ipv6(0xFD00_0000_0000_0001L, 0x0000_0000_0000_00ABL);
        });
        assertThat(row).isEqualTo(id + "\t-42\t1234.05\t\\N\tt\t10.0.1.255\tfd00:0000:0000:0001:0000:0000:0000:00ab\n");
    }

    @Test
    void wordsThatWouldNeedEscapingAreRefused() {
        assertThatThrownBy(() -> CopyBuffer.ascii("tab\there")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CopyBuffer.ascii("back\\slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CopyBuffer.ascii("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String written(java.util.function.Consumer<CopyBuffer> fields) {
        CopyBuffer buffer = new CopyBuffer();
        fields.accept(buffer);
        buffer.endRow();
        return new String(buffer.bytes(), 0, buffer.length(), StandardCharsets.US_ASCII);
    }
}
