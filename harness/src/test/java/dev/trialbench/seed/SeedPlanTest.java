package dev.trialbench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeedPlanTest {

    private static final Instant ANCHOR = SeededDatabases.ANCHOR;

    @Test
    void rowCountsScaleLinearlyWithAtLeastOneRow() {
        SeedPlan one = SeedPlan.of(SeedConfig.of(1, 1, ANCHOR));
        for (SeedTable table : SeedTable.values()) {
            assertThat(one.rowCount(table)).isEqualTo(table.rowsAtScaleOne());
        }
        assertThat(one.rowCount(SeedTable.LOGIN_SESSIONS)).isEqualTo(1_000_000);
        SeedPlan small = SeedPlan.of(SeedConfig.of(1, 0.01, ANCHOR));
        assertThat(small.userCount()).isEqualTo(1_000);
        assertThat(small.activeUserCount()).isEqualTo(800);
        assertThat(small.rowCount(SeedTable.REPORTS)).isEqualTo(5_000);
        SeedPlan tiny = SeedPlan.of(SeedConfig.of(1, 0.00001, ANCHOR));
        assertThat(tiny.rowCounts().values()).allMatch(rows -> rows >= 1);
    }

    @Test
    void heavyOwnersAreTwentyAtScaleOneAndTwoAtScaleOneHundredth() {
        assertThat(SeedPlan.of(SeedConfig.of(1, 1, ANCHOR)).heavyReportOwnerCount()).isEqualTo(20);
        assertThat(SeedPlan.of(SeedConfig.of(1, 0.01, ANCHOR)).heavyReportOwnerCount()).isEqualTo(2);
        assertThat(SeedPlan.of(SeedConfig.of(1, 10, ANCHOR)).heavyReportOwnerCount()).isEqualTo(200);
    }

    @Test
    void idsDependOnSeedAndIndexOnly() {
        SeedPlan first = SeedPlan.of(SeedConfig.of(7, 0.01, ANCHOR));
        SeedPlan again = SeedPlan.of(SeedConfig.of(7, 0.01, ANCHOR));
        SeedPlan other = SeedPlan.of(SeedConfig.of(8, 0.01, ANCHOR));
        assertThat(again.activeUser(5)).isEqualTo(first.activeUser(5));
        assertThat(again.reservedFingerprint(3)).isEqualTo(first.reservedFingerprint(3));
        assertThat(other.activeUser(5)).isNotEqualTo(first.activeUser(5));
        assertThat(first.activeUser(5).version()).isEqualTo(4);
    }

    @Test
    void reservedUsersAreTheLastUsersAndDistinctFromActiveOnes() {
        SeedPlan plan = SeedPlan.of(SeedConfig.of(7, 0.01, ANCHOR));
        Set<UUID> active = new HashSet<>();
        for (long i = 0; i < plan.activeUserCount(); i++) {
            active.add(plan.activeUser(i));
        }
        assertThat(active).hasSize((int) plan.activeUserCount());
        for (int k = 0; k < plan.reservedUserCount(); k++) {
            assertThat(plan.reservedUser(k)).isEqualTo(plan.userId(plan.activeUserCount() + k)).isNotIn(active);
        }
    }

    @Test
    void fingerprintsAreDistinct64HexDigitsAndReservedOnesAreNotExisting() {
        SeedPlan plan = SeedPlan.of(SeedConfig.of(7, 0.01, ANCHOR));
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < plan.rowCount(SeedTable.DEVICE_FINGERPRINTS); i++) {
            assertThat(plan.existingFingerprint(i)).matches("[0-9a-f]{64}");
            seen.add(plan.existingFingerprint(i));
        }
        for (int k = 0; k < plan.reservedDeviceCount(); k++) {
            assertThat(seen.add(plan.reservedFingerprint(k))).isTrue();
        }
    }

    @Test
    void reservedIpsComeFromTheBenchmarkingRangesThenDocumentationRange() {
        SeedPlan plan = SeedPlan.of(new SeedConfig(7, 1, ANCHOR, 20_000, 200_000));
        assertThat(plan.reservedIpCount()).isEqualTo(200_000);
        assertThat(plan.reservedIp(0)).isEqualTo("198.18.0.0");
        assertThat(plan.reservedIp(131_071)).isEqualTo("198.19.255.255");
        assertThat(plan.reservedIp(131_072)).isEqualTo("2001:db8::2:0");
        assertThat(plan.busyIp(0)).isEqualTo("100.64.0.1");
        assertThat(plan.homeIp(0)).startsWith("10.");
    }

    @Test
    void generatedRowsAreIdenticalOnEveryRunAndNeedNoEscaping() {
        SeedPlan plan = SeedPlan.of(SeedConfig.of(7, 0.01, ANCHOR));
        for (SeedTable table : SeedTable.values()) {
            byte[] first = generate(plan, table);
            byte[] second = generate(SeedPlan.of(SeedConfig.of(7, 0.01, ANCHOR)), table);
            assertThat(second).as(table.tableName()).isEqualTo(first);
            int columns = table.columns().split(",").length;
            String[] lines = new String(first, StandardCharsets.US_ASCII).split("\n");
            assertThat(lines).as(table.tableName()).hasSize((int) plan.rowCount(table));
            for (String line : lines) {
                assertThat(line.split("\t", -1)).as(line).hasSize(columns);
                assertThat(line.replace("\\N", "")).as(line).doesNotContain("\\").doesNotContain("\r");
            }
        }
    }

    private static byte[] generate(SeedPlan plan, SeedTable table) {
        TableRows rows = TableRows.of(table, plan);
        CopyBuffer buffer = new CopyBuffer();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (long i = 0; i < plan.rowCount(table); i++) {
            rows.write(i, buffer);
            if (buffer.full()) {
                all.write(buffer.bytes(), 0, buffer.length());
                buffer.clear();
            }
        }
        all.write(buffer.bytes(), 0, buffer.length());
        return all.toByteArray();
    }
}
