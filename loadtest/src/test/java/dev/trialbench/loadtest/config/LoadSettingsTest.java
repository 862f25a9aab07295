package dev.trialbench.loadtest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadSettingsTest {

    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    @Test
    void defaultsAreTheReportsBudgetAndALocalStack() {
        LoadSettings settings = LoadSettings.fromProperties(new Properties(), Scenario.ACTIVATION);

        assertThat(settings.baseUrl()).isNull();
        assertThat(settings.implementation()).isEqualTo("batched");
        assertThat(settings.stages()).containsExactly(new Stage(20, 10));
        assertThat(settings.warmup()).isEqualTo(new Stage(20, 15));
        assertThat(settings.kpi()).isEqualTo(Kpi.REPORT);
        assertThat(settings.scale()).isEqualTo(0.01);
        assertThat(settings.schemaAfter()).isTrue();
        assertThat(settings.doubleSubmitShare()).isEqualTo(0.05);
        assertThat(settings.label()).isEqualTo("activation");
    }

    @Test
    void stairsAreSplitAmongInjectorsAndRoundTripThroughSystemProperties() {
        LoadSettings settings = LoadSettings.fromProperties(properties(Map.of(
                "trialbench.stages", "10x5, 20x5",
                "trialbench.warmup", "10x3",
                "trialbench.injector", "1",
                "trialbench.injectors", "2",
                "trialbench.baseUrl", "http://127.0.0.1:8080")), Scenario.MIXED);

        assertThat(settings.injectorStages()).containsExactly(new Stage(5, 5), new Stage(10, 5));
        assertThat(settings.injectorWarmup()).isEqualTo(new Stage(5, 3));
        Properties written = new Properties();
        written.putAll(settings.toSystemProperties());
        assertThat(LoadSettings.fromProperties(written, Scenario.MIXED)).isEqualTo(settings);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "trialbench.rate              | fast        | trialbench.rate must be a number",
        "trialbench.stages            | 10x         | trialbench.stages must be stairs",
        "trialbench.warmup            | -5x3        | trialbench.warmup must be RATExSECONDS",
        "trialbench.implementation    | eager       | trialbench.implementation must be naive or batched",
        "trialbench.baseUrl           | localhost   | trialbench.baseUrl must be an absolute http URL",
        "trialbench.anchor            | yesterday   | trialbench.anchor must be an ISO instant",
        "trialbench.schema            | later       | trialbench.schema must be before or after",
        "trialbench.injectors         | 0           | trialbench.injectors at least 1",
        "trialbench.doubleSubmitShare | 1.5         | trialbench.doubleSubmitShare must be within [0, 1)",
        "trialbench.kpi.p95Ms         | -1          | trialbench.kpi.p95Ms",
        "trialbench.label             | a/b         | trialbench.label must be letters",
    })
    void badValuesAreRejectedNamingTheProperty(String property, String value, String message) {
        assertThatThrownBy(() -> LoadSettings.fromProperties(properties(Map.of(property, value)), Scenario.ACTIVATION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aRatePerInjectorThatIsNotWholeIsRejected() {
        assertThatThrownBy(() -> LoadSettings.fromProperties(properties(Map.of(
                "trialbench.stages", "25x5", "trialbench.injectors", "2")), Scenario.ACTIVATION))
                .hasMessageContaining("trialbench.stages: the rate per injector must be a whole number")
                .hasMessageContaining("12.5");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> LoadSettings.fromProperties(properties(Map.of(
                "trialbench.seed", "x", "trialbench.scale", "y")), Scenario.ACTIVATION))
                .hasMessageContaining("trialbench.seed")
                .hasMessageContaining("trialbench.scale");
    }

    @Test
    void stagesParseAsRateTimesSeconds() {
        assertThat(Stage.parseList("10x5,2.5x4")).isEqualTo(List.of(new Stage(10, 5), new Stage(2.5, 4)));
        assertThat(new Stage(2.5, 4).arrivals()).isEqualTo(10);
        assertThat(new Stage(10, 5).toString()).isEqualTo("10x5");
    }
}
