package dev.trialbench.bench.render;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadRuns;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** p95 of the batched activation against the offered rate, one line per pool size, with the 50 ms budget. Stateless. */
final class PoolSweepChart {

    static final String NAME = "pool-sweep-p95";
    static final String TITLE = "Batched activation p95 against offered rate, per pool size (after the migrations), ms";
    private static final Color[] COLOURS = {new Color(0x9DB8DE), new Color(0x3B6FB6), new Color(0xE08A1E),
        new Color(0x6A9F3A)};

    private PoolSweepChart() {
    }

    static List<Path> write(LoadRuns load, Path runFolder) {
        List<Run> runs = load.runs("pool-sweep");
        if (runs.isEmpty()) {
            return List.of();
        }
        XYChart chart = XyCharts.create(TITLE, "offered activations per second", "p95 from intended start, ms");
        chart.getStyler().setYAxisLogarithmic(true);
        double maxRate = 0;
        int colour = 0;
        for (Run run : runs) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < run.stages().size(); i++) {
                double rate = run.stages().get(i).ratePerSecond();
                maxRate = Math.max(maxRate, rate);
                load.stage(run, "activate-batched", i + 1).ifPresent(latency -> {
                    x.add(rate);
                    y.add(Math.max(latency.p95(), 0.1));
                });
            }
            if (!x.isEmpty()) {
                XYSeries series = chart.addSeries("pool of " + run.poolSize(), x, y);
                series.setLineColor(COLOURS[colour % COLOURS.length]);
                series.setMarkerColor(COLOURS[colour % COLOURS.length]);
            }
            colour++;
        }
        double budget = load.evidence().kpi().p95Millis();
        XYSeries line = chart.addSeries("budget " + Numbers.ms(budget), List.of(0.0, maxRate), List.of(budget, budget));
        line.setLineColor(Color.GRAY);
        line.setMarker(SeriesMarkers.NONE);
        return XyCharts.write(chart, runFolder, NAME, "pool-sweep");
    }
}
