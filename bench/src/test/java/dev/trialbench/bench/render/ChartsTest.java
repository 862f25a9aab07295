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
}
