package dev.trialbench.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanTest {

    /** Shaped like PostgreSQL 17's output for a listing with an InitPlan and a bitmap scan below. */
    private static final String NESTED_PLAN = """
            [
              {
                "Plan": {
                  "Node Type": "Limit",
                  "Parallel Aware": false,
                  "Startup Cost": 12.50,
                  "Total Cost": 40.25,
                  "Plan Rows": 50,
                  "Plan Width": 48,
                  "Plans": [
                    {
                      "Node Type": "Seq Scan",
                      "Parent Relationship": "InitPlan",
                      "Subplan Name": "InitPlan 1",
                      "Relation Name": "users",
                      "Alias": "users",
                      "Filter": "(email = 'a\\"b@example.test'::text)"
                    },
                    {
                      "Node Type": "Index Scan",
                      "Parent Relationship": "Outer",
                      "Scan Direction": "Forward",
                      "Index Name": "idx_reports_user_created",
                      "Relation Name": "reports",
                      "Plans": [ ]
                    },
                    {
                      "Node Type": "Bitmap Heap Scan",
                      "Relation Name": "login_sessions",
                      "Plans": [
                        { "Node Type": "Bitmap Index Scan", "Index Name": "idx_login_sessions_ip_time" }
                      ]
                    },
                    {
                      "Node Type": "Seq Scan",
                      "Parallel Aware": true,
                      "Relation Name": "reports"
                    }
                  ]
                },
                "Planning Time": 0.2,
                "Triggers": [],
                "Execution Time": 1.5
              }
            ]""";

    @Test
    void nestedPlanIsSummarizedDepthFirst() {
        Plan plan = Plan.fromJson(NESTED_PLAN);

        assertThat(plan.nodeTypes()).containsExactly("Limit", "Seq Scan", "Index Scan", "Bitmap Heap Scan",
                "Bitmap Index Scan");
        assertThat(plan.indexNames()).containsExactly("idx_reports_user_created", "idx_login_sessions_ip_time");
        assertThat(plan.seqScannedRelations()).containsExactly("users", "reports");
        assertThat(plan.usesIndex("idx_reports_user_created")).isTrue();
        assertThat(plan.seqScans("reports")).isTrue();
        assertThat(plan.seqScans("login_sessions")).isFalse();
        assertThat(plan.totalCost()).isEqualTo(40.25);
        assertThat(plan.estimatedRows()).isEqualTo(50.0);
        assertThat(plan.analyzed()).isTrue();
        assertThat(plan.executionTimeMs()).hasValue(1.5);
        assertThat(plan.sharedBlocksHit()).isEmpty();
        assertThat(plan.json()).isEqualTo(NESTED_PLAN);
    }

    @Test
    void estimatedPlanWithBuffersAbsentIsNotAnalyzed() {
        Plan plan = Plan.fromJson("""
                [{"Plan": {"Node Type": "Index Only Scan", "Index Name": "reports_pkey", "Relation Name": "reports",
                           "Total Cost": 4.3, "Plan Rows": 1, "Shared Hit Blocks": 3, "Shared Read Blocks": 0}}]""");

        assertThat(plan.analyzed()).isFalse();
        assertThat(plan.nodeTypes()).containsExactly("Index Only Scan");
        assertThat(plan.seqScannedRelations()).isEmpty();
        assertThat(plan.sharedBlocksHit()).hasValue(3);
        assertThat(plan.sharedBlocksRead()).hasValue(0);
        assertThat(plan.summary()).isEqualTo("Index Only Scan; indexes reports_pkey; cost 4.30");
    }

    @Test
    void summarySetsAreUnmodifiable() {
        Plan plan = Plan.fromJson(NESTED_PLAN);

        assertThatThrownBy(() -> plan.nodeTypes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> plan.indexNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jsonThatIsNotAPlanIsRefused() {
        assertThatThrownBy(() -> Plan.fromJson("[]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not an EXPLAIN");
        assertThatThrownBy(() -> Plan.fromJson("{\"Plan\": {}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Plan.fromJson("[{\"Plan\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid JSON");
    }

    @Test
    void escapedAndUnicodeNamesAreDecoded() {
        Plan plan = Plan.fromJson("""
                [{"Plan": {"Node Type": "Seq Scan", "Relation Name": "caf\\u00e9 \\"q\\" \\\\ \\/ Zoë ✓ \\ud834\\udd1e",
                           "Plans": [{"Node Type": "Index Scan", "Index Name": "idx_\\u00e9"}]}}]""");

        assertThat(plan.seqScannedRelations()).containsExactly("caf\u00e9 \"q\" \\ / Zo\u00eb \u2713 \uD834\uDD1E");
        assertThat(plan.indexNames()).containsExactly("idx_\u00e9");
    }

    @Test
    void numbersKeepTheirValueWhateverTheirNotation() {
        Plan plan = Plan.fromJson("""
                [{"Plan": {"Node Type": "Result", "Total Cost": 1e3, "Plan Rows": -2.5E-2,
                           "Shared Hit Blocks": 9223372036854775807, "Shared Read Blocks": 10000000000.00},
                  "Execution Time": 0.125}]""");

        assertThat(plan.totalCost()).isEqualTo(1000.0);
        assertThat(plan.estimatedRows()).isEqualTo(-0.025);
        assertThat(plan.sharedBlocksHit()).hasValue(Long.MAX_VALUE);
        assertThat(plan.sharedBlocksRead()).hasValue(10_000_000_000L);
        assertThat(plan.executionTimeMs()).hasValue(0.125);
    }

    @Test
    void membersOfTheWrongKindAreIgnored() {
        Plan plan = Plan.fromJson("""
                [{"Plan": {"Node Type": 7, "Index Name": null, "Total Cost": "12", "Plans": {"Node Type": "Seq Scan"}}}]""");

        assertThat(plan.nodeTypes()).isEmpty();
        assertThat(plan.indexNames()).isEmpty();
        assertThat(plan.totalCost()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,]", "[1 2]", "{\"a\" 1}", "{\"a\": 1,}", "{a: 1}", "\"open", "\"bad \\x escape\"",
            "\"\\u12\"", "01", "1.", "-", "1e", "tru", "nul", "'single'", "\"raw\ttab\"", "NaN",
            "[{\"Plan\": {}}] x", "[{\"Plan\": {}}]]", "[{\"Plan\": {\"Node Type\": \"Seq Scan\"}}"})
    void malformedJsonIsRefusedWithItsPlace(String malformed) {
        assertThatThrownBy(() -> Plan.fromJson(malformed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid JSON at line ");
    }

    @Test
    void theRefusalDoesNotEchoThePlan() {
        String malformed = """
                [{"Plan": {"Node Type": "Seq Scan", "Filter": "(email = 'someone@example.test'::text)" "Plans": []}}]""";

        assertThatThrownBy(() -> Plan.fromJson(malformed))
                .hasMessageStartingWith("Invalid JSON at line 1, column ")
                .hasMessageNotContaining("someone@example.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "null", "42", "[]", "[[]]", "[{}]", "[{\"Plan\": []}]"})
    void wellFormedJsonThatIsNotAPlanIsRefused(String notAPlan) {
        assertThatThrownBy(() -> Plan.fromJson(notAPlan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not an EXPLAIN");
    }

    @Test
    void nullTextIsRefused() {
        assertThatThrownBy(() -> Plan.fromJson(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void excessiveNestingIsRefusedInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> Plan.fromJson(deep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid JSON");
    }
}
