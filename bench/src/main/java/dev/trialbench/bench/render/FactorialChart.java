package dev.trialbench.bench.render;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.Factorial;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The factorial at a glance: the trial activation's mean, naive and batched, before and after the
 * migrations, on a linear axis from zero, so that the two factors read as bar heights: batching is the
 * step between neighbouring bars, the indexes the step between the groups. A missing cell is a bar of
 * zero height with "MISSING" in its label. Deterministic like {@link Charts}. Stateless.
 */
final class FactorialChart {

    static final String NAME = "factorial-activation";
    static final String TITLE = "Trial activation, mean ms: naive and batched, before and after the migrations";
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color[] COLOURS = {new Color(0xE08A1E), new Color(0x3B6FB6)};

    private FactorialChart() {
    }

    static List<Path> write(Factorial factorial, Path runFolder) {
        return XyCharts.write(draw(factorial), runFolder, NAME, "factorial");
    }

    static CategoryChart draw(Factorial factorial) {
        CategoryChart chart = new CategoryChartBuilder().width(960).height(420).title(TITLE).yAxisTitle("mean, ms")
                .build();
        XyCharts.look(chart.getStyler(), LegendPosition.InsideNE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(FONT);
        chart.getStyler().setDecimalPattern("#,##0.0#");
        chart.getStyler().setAntiAlias(true);
        int colour = 0;
        for (String method : List.of(CellKey.NAIVE, CellKey.BATCHED)) {
            List<String> categories = new ArrayList<>();
            List<Number> means = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String schema : CellKey.SCHEMAS) {
                CellKey key = CellKey.of(CellKey.ACTIVATION, method, schema);
                categories.add(schema + " the migrations");
                means.add(factorial.cell(key).map(CellResult::meanMillis).orElse(0.0));
                if (factorial.cell(key).isEmpty()) {
                    missing.add(schema);
                }
            }
            String name = missing.isEmpty() ? method : method + " (MISSING " + String.join(", ", missing) + ")";
            chart.addSeries(name, categories, means).setFillColor(COLOURS[colour++]);
        }
        return chart;
    }
}
