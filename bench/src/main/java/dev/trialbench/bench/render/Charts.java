package dev.trialbench.bench.render;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.CellResult;
import dev.trialbench.bench.runfolder.Factorial;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The report's charts, as PNG and SVG, into the run folder's {@code charts/}: p50 before and after
 * per operation, and p50/p95/p99 per operation at each schema state. Log scale, since a
 * {@code SELECT 1} and a full scan differ by two orders of magnitude.
 *
 * <p>Deterministic: fixed size, fonts, colours and axis range, no timestamps; two renders on the same
 * machine give the same bytes (tested). XChart draws text as glyph outlines, so the SVG depends on the
 * fonts installed, and a render on another machine may differ. A missing cell keeps its place, with a
 * bar of zero height and "MISSING" in its label. Stateless.
 */
public final class Charts {

    public static final String FOLDER = "charts";
    public static final String P50_BEFORE_AFTER = "p50-before-after";
    public static final String PERCENTILES_BEFORE = "percentiles-before";
    public static final String PERCENTILES_AFTER = "percentiles-after";

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color[] COLOURS = {new Color(0x3B6FB6), new Color(0xE08A1E), new Color(0x6A9F3A)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** A chart of the report: file name (without extension) and title. */
    public record Chart(String name, String title) {
    }

    private Charts() {
    }

    /** The charts the report shows, in its order. */
    public static List<Chart> all() {
        return List.of(new Chart(P50_BEFORE_AFTER, "Median latency per operation, before and after the migrations"),
                new Chart(PERCENTILES_BEFORE, "Latency percentiles per operation, before the migrations"),
                new Chart(PERCENTILES_AFTER, "Latency percentiles per operation, after the migrations"));
    }

    /** Writes every chart as {@code charts/<name>.png} and {@code .svg}; returns the files written, sorted. */
    public static List<Path> write(Factorial factorial, Path runFolder) {
        Path folder = runFolder.resolve(FOLDER);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (Chart chart : all()) {
                CategoryChart drawn = draw(chart, factorial);
                Path png = folder.resolve(chart.name() + ".png");
                Files.write(png, ChartEncoder.getBytes(drawn, "png"));
                Path svg = folder.resolve(chart.name() + ".svg");
                Files.write(svg, dev.trialbench.bench.svg.SvgNamespace.repair(ChartEncoder.getBytes(drawn, "svg")));
                written.add(png);
                written.add(svg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the charts into " + folder, e);
        }
        return written.stream().sorted().toList();
    }

    static CategoryChart draw(Chart chart, Factorial factorial) {
        return switch (chart.name()) {
            case P50_BEFORE_AFTER -> medians(chart, factorial);
            case PERCENTILES_BEFORE -> percentiles(chart, factorial, CellKey.BEFORE);
            case PERCENTILES_AFTER -> percentiles(chart, factorial, CellKey.AFTER);
            default -> throw new IllegalArgumentException("unknown chart " + chart.name());
        };
    }

    /** One series per schema state, each the p50 of the operation at that state. */
    private static CategoryChart medians(Chart chart, Factorial factorial) {
        List<Series> series = new ArrayList<>();
        for (String schema : CellKey.SCHEMAS) {
            series.add(new Series(schema, CellKey.OPERATIONS.stream()
                    .map(operation -> factorial.cell(CellKey.of(operation.get(0), operation.get(1), schema))
                            .map(CellResult::p50Millis))
                    .toList()));
        }
        return render(chart, series, "p50, ms (log scale)");
    }

    /** One series per percentile, at one schema state. */
    private static CategoryChart percentiles(Chart chart, Factorial factorial, String schema) {
        List<Optional<CellResult>> cells = CellKey.OPERATIONS.stream()
                .map(operation -> factorial.cell(CellKey.of(operation.get(0), operation.get(1), schema))).toList();
        List<Series> series = List.of(
                new Series("p50", cells.stream().map(cell -> cell.map(CellResult::p50Millis)).toList()),
                new Series("p95", cells.stream().map(cell -> cell.map(CellResult::p95Millis)).toList()),
                new Series("p99", cells.stream().map(cell -> cell.map(CellResult::p99Millis)).toList()));
        return render(chart, series, "ms (log scale)");
    }

    private record Series(String name, List<Optional<Double>> values) {
    }

    private static CategoryChart render(Chart chart, List<Series> series, String yTitle) {
        double smallest = series.stream().flatMap(one -> one.values().stream()).flatMap(Optional::stream)
                .mapToDouble(Double::doubleValue).filter(value -> value > 0).min().orElse(1);
        double floor = Math.pow(10, Math.floor(Math.log10(smallest)));
        List<String> categories = new ArrayList<>();
        for (int index = 0; index < CellKey.OPERATIONS.size(); index++) {
            List<String> operation = CellKey.OPERATIONS.get(index);
            int at = index;
            List<String> missing = series.stream().filter(one -> one.values().get(at).isEmpty()).map(Series::name).toList();
            String label = operation.get(0).replace("Benchmark", "") + " " + operation.get(1);
            categories.add(missing.isEmpty() ? label : label + " (MISSING " + String.join(", ", missing) + ")");
        }
        CategoryChart drawn = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(chart.title())
                .yAxisTitle(yTitle).build();
        style(drawn.getStyler(), floor);
        for (int index = 0; index < series.size(); index++) {
            Series one = series.get(index);
            drawn.addSeries(one.name(), categories, one.values().stream().map(value -> (Number) value.orElse(floor)).toList())
                    .setFillColor(COLOURS[index % COLOURS.length]);
        }
        return drawn;
    }

    private static void style(CategoryStyler styler, double floor) {
        styler.setYAxisLogarithmic(true);
        styler.setYAxisMin(floor);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        styler.setChartTitleFont(FONT.deriveFont(Font.BOLD, 14f));
        styler.setAxisTitleFont(FONT);
        styler.setAxisTickLabelsFont(FONT);
        styler.setLegendFont(FONT);
        styler.setXAxisLabelRotation(20);
        styler.setAntiAlias(true);
    }
}
