package dev.trialbench.bench.render;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The report's line charts: one look (size, fonts, white background, legend top left) and one way
 * to write them as {@code charts/<name>.png} and {@code .svg}. Deterministic like {@link Charts}.
 * Stateless.
 */
final class XyCharts {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private XyCharts() {
    }

    static XYChart create(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(960).height(540).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setChartTitleFont(FONT.deriveFont(Font.BOLD, 14f));
        chart.getStyler().setAxisTitleFont(FONT);
        chart.getStyler().setAxisTickLabelsFont(FONT);
        chart.getStyler().setLegendFont(FONT);
        return chart;
    }

    /** Writes the PNG and the SVG; {@code what} names the chart in an error. */
    static List<Path> write(XYChart chart, Path runFolder, String name, String what) {
        Path folder = runFolder.resolve(Charts.FOLDER);
        try {
            Files.createDirectories(folder);
            Path png = folder.resolve(name + ".png");
            Path svg = folder.resolve(name + ".svg");
            Files.write(png, ChartEncoder.getBytes(chart, "png"));
            Files.write(svg, dev.trialbench.bench.svg.SvgNamespace.repair(ChartEncoder.getBytes(chart, "svg")));
            return List.of(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " chart into " + folder, e);
        }
    }
}
