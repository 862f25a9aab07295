package dev.trialbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trialbench.reliability.FaultSql.Rows;
import dev.trialbench.testing.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backend is terminated between the writes of an activation, on both schemas: the naive path
 * leaves a device row without its token where it is killed before INSERT_TOKEN; the batched path
 * leaves no half-written activation at any point. Rows are read back with SQL.
 */
class HalfWrittenActivationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"before", "after"})
    void naivePathLeavesADeviceWithoutItsTokenOnEitherSchema(String schema) {
        try (HikariDataSource pool = database("half_naive", schema)) {
            HalfWrittenActivations result = HalfWrittenActivations.measure(pool, FreshSubjects.insert(pool, 60),
                    Implementation.NAIVE);

            assertThat(result.schema()).isEqualTo(schema);
            assertThat(result.implementation()).isEqualTo("naive");
            assertThat(result.faultsInjected()).isEqualTo(result.detail().faultsInjected());
            assertThat(result.halfWritten()).isEqualTo(result.detail().partialWrites()).isPositive();
            assertThat(result.byKind()).containsKey(HalfWrittenActivations.DEVICE_WITHOUT_TOKEN);
            assertThat(result.halfWrittenAt())
                    .contains("activated: killed before INSERT_TOKEN -> " + HalfWrittenActivations.DEVICE_WITHOUT_TOKEN);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"before", "after"})
    void batchedPathLeavesNoHalfWrittenActivationOnEitherSchema(String schema) {
        try (HikariDataSource pool = database("half_batched", schema)) {
            HalfWrittenActivations result = HalfWrittenActivations.measure(pool, FreshSubjects.insert(pool, 40),
                    Implementation.BATCHED);

            assertThat(result.schema()).isEqualTo(schema);
            assertThat(result.faultsInjected()).isEqualTo(9);
            assertThat(result.halfWritten()).isZero();
            assertThat(result.byKind()).isEmpty();
            assertThat(result.detail().exactlyOnceAfterRetry()).isEqualTo(result.faultsInjected());
        }
    }

    @org.junit.jupiter.api.Test
    void kindsAreNamedFromTheRowsLeftAgainstAWholeActivation() {
        Rows activation = new Rows(1, 1, 1, 0);
        Rows denial = new Rows(0, 0, 0, 3);

        assertThat(HalfWrittenActivations.kind(Rows.NONE, activation)).isNull();
        assertThat(HalfWrittenActivations.kind(activation, activation)).isNull();
        assertThat(HalfWrittenActivations.kind(new Rows(0, 1, 1, 0), activation))
                .isEqualTo(HalfWrittenActivations.DEVICE_WITHOUT_TOKEN);
        assertThat(HalfWrittenActivations.kind(new Rows(1, 0, 0, 0), activation))
                .isEqualTo(HalfWrittenActivations.TOKEN_WITHOUT_DEVICE);
        assertThat(HalfWrittenActivations.kind(new Rows(0, 0, 0, 1), denial)).isEqualTo(HalfWrittenActivations.SOME_FLAGS);
        assertThat(HalfWrittenActivations.kind(new Rows(2, 1, 1, 0), activation)).isEqualTo(HalfWrittenActivations.OTHER);
    }

    private static HikariDataSource database(String purpose, String schema) {
        return schema.equals("before") ? TestPostgres.before(purpose, 4) : TestPostgres.after(purpose, 4);
    }
}
