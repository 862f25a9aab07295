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
        look(chart.getStyler(), LegendPosition.InsideNW);
        return chart;
    }

    /** The report's look: white, its fonts, the legend where it is put. */
    static void look(org.knowm.xchart.style.Styler styler, LegendPosition legend) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(legend);
        styler.setChartTitleFont(FONT.deriveFont(Font.BOLD, 14f));
        styler.setLegendFont(FONT);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(FONT);
            axes.setAxisTickLabelsFont(FONT);
        }
    }

    /** The p95 budget as a grey line from 0 to {@code toX}, with no markers. */
    static void budget(XYChart chart, double budget, double toX) {
        org.knowm.xchart.XYSeries line = chart.addSeries("budget " + dev.trialbench.bench.format.Numbers.ms(budget),
                List.of(0.0, toX), List.of(budget, budget));
        line.setLineColor(Color.GRAY);
        line.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    }

    /** A log y axis from {@link #decades}, with a tick at 1..9 of each decade and a label at 1, 2 and 5. */
    static void logarithmicY(XYChart chart, List<Double> plotted) {
        double[] range = decades(plotted);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisTickLabelsFormattingFunction(XyCharts::logLabel);
        chart.getStyler().setYAxisMin(range[0]);
        chart.getStyler().setYAxisMax(range[1]);
    }

    /** {@code 1}, {@code 2}, {@code 5}, {@code 1,000} ... for the ticks at 1, 2 and 5 of a decade; empty for the others. */
    static String logLabel(double value) {
        if (!(value > 0)) {
            return "";
        }
        double mantissa = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
        long rounded = Math.round(mantissa);
        if (Math.abs(mantissa - rounded) > 1e-6 || !(rounded == 1 || rounded == 2 || rounded == 5)) {
            return "";
        }
        return new java.text.DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                .format(value);
    }

    /** Writes the PNG and the SVG; {@code what} names the chart in an error. */
    static List<Path> write(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path runFolder, String name, String what) {
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

    /**
     * A log axis that labels its decades: from the power of ten at or below the smallest value to the
     * one at or above the largest, at least two decades apart, so that at least three ticks carry a label
     * (a range inside one decade shows a single label, or none).
     */
    static double[] decades(List<Double> values) {
        double smallest = values.stream().mapToDouble(Double::doubleValue).filter(value -> value > 0).min().orElse(1);
        double largest = values.stream().mapToDouble(Double::doubleValue).filter(value -> value > 0).max().orElse(1);
        double low = Math.floor(Math.log10(smallest));
        double high = Math.max(Math.ceil(Math.log10(largest)), low + 2);
        return new double[] {Math.pow(10, low), Math.pow(10, high)};
    }
}
