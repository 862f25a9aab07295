package dev.trialbench.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trialbench.http.ServiceUnderTest.Answer;
import dev.trialbench.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /users/{userId}/reports} and {@code GET /health}. */
class ListingAndHealthTest {

    private static ServiceUnderTest service;
    private static UUID owner;

    @BeforeAll
    static void start() {
        service = new ServiceUnderTest(TestPostgres.after("http_listing", 4));
        owner = service.user();
        service.report(owner, "oldest", "2024-01-01T10:00:00Z", false);
        service.report(owner, "newest", "2024-03-01T10:00:00Z", false);
        service.report(owner, "deleted", "2024-04-01T10:00:00Z", true);
        service.report(owner, "middle", "2024-02-01T10:00:00Z", false);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void listingIsNewestFirstWithoutDeletedReports() {
        Answer answer = service.get("/users/" + owner + "/reports");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(titles(answer.json().get("reports"))).containsExactly("newest", "middle", "oldest");
        JsonNode first = answer.json().get("reports").get(0);
        assertThat(first.get("createdAt").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(first.get("totalCost").decimalValue()).isEqualByComparingTo("120.50");
        assertThat(first.get("reportId").asText()).hasSize(36);
    }

    @Test
    void theServerSendsWithoutNaglesDelay() {
        // With Nagle on, each response on a kept-alive connection waited ~40 ms for a delayed ACK.
        assertThat(service.service().sendsWithoutDelay()).isTrue();
    }

    @Test
    void limitCutsTheListing() {
        Answer answer = service.get("/users/" + owner + "/reports?limit=2");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(titles(answer.json().get("reports"))).containsExactly("newest", "middle");
    }

    @Test
    void userWithoutReportsGetsAnEmptyList() {
        Answer answer = service.get("/users/" + UUID.randomUUID() + "/reports?limit=1000");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("reports")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-1", "abc", "", "99999999999"})
    void limitOutsideOneToThousandIs400(String limit) {
        Answer answer = service.get("/users/" + owner + "/reports?limit=" + limit);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("problems").toString()).contains("limit must be an integer within 1..1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1", "00000000-0000-0000-0000-00000000000g", "%27%20OR%201=1"})
    void malformedUserIdIs400(String userId) {
        Answer answer = service.get("/users/" + userId + "/reports");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("problems").toString()).contains("userId must be a UUID");
    }

    @Test
    void postOnTheListingIs405() {
        assertThat(service.postJson("/users/" + owner + "/reports", "{}").status()).isEqualTo(405);
    }

    @Test
    void healthIsOkWhenTheDatabaseAnswers() {
        Answer answer = service.get("/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("ok");
    }

    private static List<String> titles(JsonNode reports) {
        List<String> titles = new ArrayList<>();
        reports.forEach(report -> titles.add(report.get("title").asText()));
        return titles;
    }
}
