package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.Factorial;
import dev.trialbench.bench.runfolder.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

class ChartsTest {

    @TempDir
    Path temp;

    @Test
    void writesEveryChartAsPngAndSvg() {
        Factorial factorial = Factorial.of(Fixture.read(temp).cells());

        List<Path> written = Charts.write(factorial, temp.resolve("run"));

        assertThat(written).extracting(path -> path.getFileName().toString()).containsExactly(
                "p50-before-after.png", "p50-before-after.svg", "percentiles-after.png", "percentiles-after.svg",
                "percentiles-before.png", "percentiles-before.svg");
        assertThat(written).allSatisfy(path -> assertThat(path).isNotEmptyFile());
    }

    @Test
    void twoRendersGiveTheSameBytes() throws IOException {
        Factorial factorial = Factorial.of(Fixture.read(temp).cells());

        List<Path> first = Charts.write(factorial, temp.resolve("first"));
        List<Path> second = Charts.write(factorial, temp.resolve("second"));

        for (int index = 0; index < first.size(); index++) {
            assertThat(Files.readAllBytes(second.get(index))).as(second.get(index).toString())
                    .isEqualTo(Files.readAllBytes(first.get(index)));
        }
    }

    @Test
    void aMissingCellKeepsItsPlaceAndSaysSo() {
        List<CellResult> cells = new ArrayList<>(Fixture.read(temp).cells());
        cells.removeIf(cell -> cell.key().equals(CellKey.of(CellKey.ACTIVATION, CellKey.BATCHED, CellKey.AFTER)));

        CategoryChart chart = Charts.draw(Charts.all().get(0), Factorial.of(cells));

        List<Object> categories = new ArrayList<>(chart.getSeries("after").getXData());
        assertThat(categories)
                .contains("Activation batched (MISSING after)")
                .hasSize(CellKey.OPERATIONS.size());
    }

    @Test
    void theFactorialChartShowsNaiveAndBatchedBeforeAndAfterAndSaysWhatIsMissing() {
        List<CellResult> cells = new ArrayList<>(Fixture.read(temp).cells());
        cells.removeIf(cell -> cell.key().equals(CellKey.of(CellKey.ACTIVATION, CellKey.BATCHED, CellKey.AFTER)));

        CategoryChart chart = FactorialChart.draw(Factorial.of(cells));

        assertThat(chart.getSeriesCollection().stream().map(series -> series.getName()).toList())
                .containsExactly("naive", "batched (MISSING after)");
        assertThat(new ArrayList<Object>(chart.getSeries("naive").getXData()))
                .containsExactly("before the migrations", "after the migrations");
        assertThat(chart.getStyler().getYAxisMin()).isEqualTo(0.0);
    }

    @Test
    void aLogAxisSpansWholeDecadesAndAtLeastTwoSoThatSeveralTicksCarryALabel() {
        assertThat(XyCharts.decades(List.of(16.0, 50.0, 420.0))).containsExactly(10.0, 1000.0);
        assertThat(XyCharts.decades(List.of(16.0, 50.0))).containsExactly(10.0, 1000.0);
        assertThat(XyCharts.decades(List.of(0.4, 12_000.0))).containsExactly(0.1, 100_000.0);
    }

    @Test
    void aLogAxisLabelsOneTwoAndFiveOfEachDecadeWhateverTheLocale() {
        assertThat(XyCharts.logLabel(0.2)).isEqualTo("0.2");
        assertThat(XyCharts.logLabel(0.3)).isEmpty();
        assertThat(XyCharts.logLabel(5)).isEqualTo("5");
        assertThat(XyCharts.logLabel(20_000)).isEqualTo("20,000");
        assertThat(XyCharts.logLabel(0)).isEmpty();
    }

    @Test
    void thePoolSweepChartHasALogAxisFromDecadeToDecadeWithLabelsBetween() {
        dev.trialbench.bench.runfolder.LoadRuns load = dev.trialbench.bench.runfolder.LoadRuns.read(
                dev.trialbench.bench.runfolder.RunFolder.read(Fixture.copyAll(temp)));

        org.knowm.xchart.XYChart chart = PoolSweepChart.draw(load);

        double low = chart.getStyler().getYAxisMin();
        double high = chart.getStyler().getYAxisMax();
        assertThat(Math.log10(low)).isEqualTo(Math.rint(Math.log10(low)));
        assertThat(Math.log10(high)).isEqualTo(Math.rint(Math.log10(high)));
        assertThat(high / low).isGreaterThanOrEqualTo(100);
        assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(List.of(10.0, 20.0, 30.0, 50.0, 70.0, 100.0, 200.0, 500.0, 900.0, 1000.0).stream()
                .map(chart.getStyler().getYAxisTickLabelsFormattingFunction()).toList())
                .containsExactly("10", "20", "", "50", "", "100", "200", "500", "", "1,000");
        assertThat(chart.getSeriesCollection()).allSatisfy(series -> {
            for (double y : series.getYData()) {
                assertThat(y).isBetween(low, high);
            }
        });
    }
}
