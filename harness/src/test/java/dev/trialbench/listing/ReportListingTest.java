package dev.trialbench.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.db.Migrations.SchemaState;
import dev.trialbench.testing.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The listing's behaviour on both schema states, which must agree: the index changes how rows are
 * found, never which. The fixture is small and fully known, so the expected rows are derived from
 * its definition here, not from a second copy of the listing's SQL.
 *
 * <p>The owner has reports 1..65, report {@code r} created at {@code START + r minutes} (so higher is
 * newer); {@link #DELETED} of them are soft-deleted, among them the newest. Another user has ten
 * reports newer than all of the owner's; a third user has none.
 */
class ReportListingTest {

    private static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID NEIGHBOUR = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final UUID WITHOUT_REPORTS = UUID.fromString("00000000-0000-0000-0000-0000000000a3");
    private static final int OWNER_REPORTS = 65;
    private static final List<Integer> DELETED = List.of(65, 64, 30, 10, 5);
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    private static final Map<SchemaState, HikariDataSource> DATABASES = new EnumMap<>(SchemaState.class);

    @BeforeAll
    static void sameReportsOnBothSchemas() throws SQLException {
        DATABASES.put(SchemaState.BEFORE, TestPostgres.before("listing_before", 2));
        DATABASES.put(SchemaState.AFTER, TestPostgres.after("listing_after", 2));
        for (HikariDataSource dataSource : DATABASES.values()) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("""
                        INSERT INTO users (user_id, email) VALUES
                          ('%s', 'owner@example.test'), ('%s', 'neighbour@example.test'), ('%s', 'new@example.test')"""
                        .formatted(OWNER, NEIGHBOUR, WITHOUT_REPORTS));
                statement.execute("""
                        INSERT INTO reports (report_id, created_by_user_id, title, damage_type, state, total_cost, created_at, deleted_at)
                        SELECT md5('owner' || r)::uuid, '%s', 'owner report ' || r, 'water', 'VIC', r * 10.5,
                               timestamptz '%s' + r * interval '1 minute',
                               CASE WHEN r = ANY ('{%s}'::int[]) THEN timestamptz '%s' + interval '1 day' END
                        FROM generate_series(1, %d) AS r""".formatted(OWNER, START, joined(DELETED), START, OWNER_REPORTS));
                statement.execute("""
                        INSERT INTO reports (report_id, created_by_user_id, title, created_at)
                        SELECT md5('neighbour' || r)::uuid, '%s', 'neighbour report ' || r, timestamptz '%s' + interval '1 day' + r * interval '1 minute'
                        FROM generate_series(1, 10) AS r""".formatted(NEIGHBOUR, START));
                statement.execute("ANALYZE reports");
            }
        }
    }

    @AfterAll
    static void closePools() {
        DATABASES.values().forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(value = SchemaState.class, names = {"BEFORE", "AFTER"})
    void aPageHoldsTheOwnersNewestLiveReportsNewestFirst(SchemaState schema) {
        List<ReportSummary> page = listing(schema).newestReports(OWNER, ReportListing.PAGE);

        assertThat(page).extracting(ReportSummary::title).containsExactlyElementsOf(ownerTitlesNewestFirst().subList(0, 50));
        assertThat(page).extracting(ReportSummary::createdAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(page.get(0)).isEqualTo(new ReportSummary(uuidOfMd5("owner63"), "owner report 63", "water", "VIC",
                new BigDecimal("661.50"), START.plusSeconds(63 * 60)));
    }

    @ParameterizedTest
    @EnumSource(value = SchemaState.class, names = {"BEFORE", "AFTER"})
    void aLimitAboveTheOwnersCountReturnsEachLiveReportOnce(SchemaState schema) {
        List<ReportSummary> all = listing(schema).newestReports(OWNER, ReportListing.LARGE);

        assertThat(all).extracting(ReportSummary::title).containsExactlyElementsOf(ownerTitlesNewestFirst());
        assertThat(all).hasSize(OWNER_REPORTS - DELETED.size())
                .extracting(ReportSummary::title)
                .doesNotContainAnyElementsOf(DELETED.stream().map(r -> "owner report " + r).toList())
                .allMatch(title -> title.startsWith("owner report "));
    }

    @ParameterizedTest
    @EnumSource(value = SchemaState.class, names = {"BEFORE", "AFTER"})
    void theLimitCutsTheListAtExactlyThatManyRows(SchemaState schema) {
        assertThat(listing(schema).newestReports(OWNER, 1)).extracting(ReportSummary::title).containsExactly("owner report 63");
        assertThat(listing(schema).newestReports(NEIGHBOUR, 3)).extracting(ReportSummary::title)
                .containsExactly("neighbour report 10", "neighbour report 9", "neighbour report 8");
    }

    @ParameterizedTest
    @EnumSource(value = SchemaState.class, names = {"BEFORE", "AFTER"})
    void aUserWithoutReportsGetsAnEmptyList(SchemaState schema) {
        assertThat(listing(schema).newestReports(WITHOUT_REPORTS, ReportListing.PAGE)).isEmpty();
        assertThat(listing(schema).newestReports(UUID.fromString("00000000-0000-0000-0000-0000000000ff"), 1)).isEmpty();
    }

    @Test
    void bothSchemaStatesReturnTheSameRows() {
        for (UUID user : List.of(OWNER, NEIGHBOUR, WITHOUT_REPORTS)) {
            for (int limit : List.of(1, 7, ReportListing.PAGE, ReportListing.LARGE)) {
                assertThat(listing(SchemaState.AFTER).newestReports(user, limit)).as("user %s, limit %d", user, limit)
                        .isEqualTo(listing(SchemaState.BEFORE).newestReports(user, limit));
            }
        }
    }

    @Test
    void limitsOutsideOneToAThousandAreRejectedWithTheRange() {
        ReportListing listing = listing(SchemaState.AFTER);
        assertThatThrownBy(() -> listing.newestReports(OWNER, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be within 1..1000, was 0");
        assertThatThrownBy(() -> listing.newestReports(OWNER, ReportListing.LARGE + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be within 1..1000, was 1001");
        assertThatThrownBy(() -> listing.newestReports(OWNER, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was -5");
    }

    @Test
    void aMissingUserIsRejectedBeforeAnyQuery() {
        assertThatThrownBy(() -> listing(SchemaState.AFTER).newestReports(null, ReportListing.PAGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userId");
    }

    private static ReportListing listing(SchemaState schema) {
        return new ReportListing(Jdbi.create(DATABASES.get(schema)));
    }

    private static List<String> ownerTitlesNewestFirst() {
        return IntStream.iterate(OWNER_REPORTS, r -> r >= 1, r -> r - 1)
                .filter(r -> !DELETED.contains(r))
                .mapToObj(r -> "owner report " + r)
                .toList();
    }

    private static String joined(List<Integer> numbers) {
        return String.join(",", numbers.stream().map(String::valueOf).toList());
    }

    private static UUID uuidOfMd5(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String hex = java.util.HexFormat.of().formatHex(digest);
            return UUID.fromString(hex.replaceFirst("(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5"));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
