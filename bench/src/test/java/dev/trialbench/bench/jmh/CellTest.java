package dev.trialbench.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * The cells of the evidence and the benchmarks JMH runs are the same list: every cell names a
 * {@code @Benchmark} method, and JMH's generated benchmark list (the annotation processor's
 * META-INF/BenchmarkList) holds exactly these, in SampleTime mode with the schema parameter.
 */
class CellTest {

    @Test
    void everyCellIsABenchmarkMethodAndEveryBenchmarkMethodACell() {
        for (Cell cell : Cell.values()) {
            // By name: a benchmark method may take JMH state objects as parameters (DelayedTrips).
            List<Method> methods = Arrays.stream(cell.benchmarkClass().getMethods())
                    .filter(method -> method.getName().equals(cell.method())).toList();
            assertThat(methods).as(jmhName(cell)).singleElement()
                    .satisfies(method -> assertThat(method.isAnnotationPresent(Benchmark.class)).isTrue());
        }
        List<String> annotated = JmhRunner.BENCHMARKS.stream()
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods())
                        .filter(method -> method.isAnnotationPresent(Benchmark.class))
                        .map(method -> type.getName() + "." + method.getName()))
                .sorted().collect(Collectors.toList());
        assertThat(annotated).isEqualTo(Arrays.stream(Cell.values()).map(CellTest::jmhName).sorted().collect(Collectors.toList()));
    }

    @Test
    void jmhsGeneratedBenchmarkListHoldsEveryCell() {
        Set<BenchmarkListEntry> entries = BenchmarkList.defaultList().getAll(null, List.of());
        assertThat(entries).extracting(BenchmarkListEntry::getUsername)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Cell.values()).map(CellTest::jmhName).toList());
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.getMode()).isEqualTo(Mode.SampleTime);
            assertThat(entry.getParams().get().get("schema")).containsExactly("before");
        });
    }

    @Test
    void cellNamesAreTheJmhClassSimpleNameAndMethod() {
        assertThat(Cell.ACTIVATION_BATCHED.benchmark()).isEqualTo("ActivationBenchmark");
        assertThat(Cell.ACTIVATION_BATCHED.method()).isEqualTo("batched");
        assertThat(jmhName(Cell.LISTING_LARGE)).isEqualTo("dev.trialbench.bench.jmh.ListingBenchmark.records1000");
    }

    /** The full JMH benchmark name, as in the JSON results' {@code benchmark} field. */
    static String jmhName(Cell cell) {
        return cell.benchmarkClass().getName() + "." + cell.method();
    }
}
