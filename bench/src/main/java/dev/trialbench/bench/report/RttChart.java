package dev.trialbench.bench.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/** p50 of the fraud check and the activation against the injected round-trip time, after the migrations. */
final class RttChart {

    static final String NAME = "rtt-p50";
    static final String TITLE = "p50 against round-trip time (after the migrations), ms";
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color[] COLOURS = {new Color(0x3B6FB6), new Color(0x9DB8DE), new Color(0xE08A1E),
        new Color(0xF2C48D)};

    private RttChart() {
    }

    static List<Path> write(RttSweep sweep, Path runFolder) {
        if (sweep.isEmpty()) {
            return List.of();
        }
        XYChart chart = new XYChartBuilder().width(960).height(540).title(TITLE)
                .xAxisTitle("added per round trip, ms").yAxisTitle("p50, ms").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setChartTitleFont(FONT.deriveFont(Font.BOLD, 14f));
        chart.getStyler().setAxisTitleFont(FONT);
        chart.getStyler().setAxisTickLabelsFont(FONT);
        chart.getStyler().setLegendFont(FONT);
        int colour = 0;
        for (String benchmark : List.of(CellKey.FRAUD_CHECK, CellKey.ACTIVATION)) {
            for (String method : List.of(CellKey.NAIVE, CellKey.BATCHED)) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (double rtt : sweep.rtts()) {
                    sweep.point(benchmark, method, CellKey.AFTER, rtt).ifPresent(point -> {
                        x.add(rtt);
                        y.add(point.p50());
                    });
                }
                if (!x.isEmpty()) {
                    org.knowm.xchart.XYSeries series = chart.addSeries(benchmark.replace("Benchmark", "") + " " + method, x, y);
                    series.setLineColor(COLOURS[colour]);
                    series.setMarkerColor(COLOURS[colour]);
                }
                colour++;
            }
        }
        Path folder = runFolder.resolve(Charts.FOLDER);
        try {
            Files.createDirectories(folder);
            Path png = folder.resolve(NAME + ".png");
            Path svg = folder.resolve(NAME + ".svg");
            Files.write(png, ChartEncoder.getBytes(chart, "png"));
            Files.write(svg, ChartEncoder.getBytes(chart, "svg"));
            return List.of(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the round-trip chart into " + folder, e);
        }
    }
}
