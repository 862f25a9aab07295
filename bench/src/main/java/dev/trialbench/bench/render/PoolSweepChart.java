package dev.trialbench.bench.render;

import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadRuns;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** p95 of the batched activation against the offered rate, one line per pool size, with the 50 ms budget. Stateless. */
final class PoolSweepChart {

    static final String NAME = "pool-sweep-p95";
    static final String TITLE = "Batched activation p95 against offered rate, per pool size (after the migrations), ms";
    private static final Color[] COLOURS = {new Color(0x9DB8DE), new Color(0x3B6FB6), new Color(0xE08A1E),
        new Color(0x6A9F3A)};

    private PoolSweepChart() {
    }

    static List<Path> write(LoadRuns load, Path runFolder) {
        if (load.runs("pool-sweep").isEmpty()) {
            return List.of();
        }
        return XyCharts.write(draw(load), runFolder, NAME, "pool-sweep");
    }

    /** The chart of a run with a pool sweep. */
    static XYChart draw(LoadRuns load) {
        List<Run> runs = load.runs("pool-sweep");
        XYChart chart = XyCharts.create(TITLE, "offered activations per second", "p95 from intended start, ms (log scale)");
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        List<Double> plotted = new ArrayList<>();
        double maxRate = 0;
        // one colour per pool size; a repeated sweep (full profile: 3 runs per size) adds a series per run
        java.util.Map<Integer, Integer> colours = new java.util.LinkedHashMap<>();
        java.util.Map<Integer, Integer> repeats = new java.util.HashMap<>();
        for (Run run : runs) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < run.stages().size(); i++) {
                double rate = run.stages().get(i).ratePerSecond();
                maxRate = Math.max(maxRate, rate);
                load.stage(run, "activate-batched", i + 1).ifPresent(latency -> {
                    x.add(rate);
                    y.add(Math.max(latency.p95(), 0.1));
                    plotted.add(Math.max(latency.p95(), 0.1));
                });
            }
            int colour = colours.computeIfAbsent(run.poolSize(), ignored -> colours.size());
            int repeat = repeats.merge(run.poolSize(), 1, Integer::sum);
            if (!x.isEmpty()) {
                XYSeries series = chart.addSeries("pool of " + run.poolSize() + (repeat == 1 ? "" : ", run " + repeat), x, y);
                series.setLineColor(COLOURS[colour % COLOURS.length]);
                series.setMarkerColor(COLOURS[colour % COLOURS.length]);
            }
        }
        double budget = load.evidence().kpi().p95Millis();
        XyCharts.budget(chart, budget, maxRate);
        plotted.add(budget);
        XyCharts.logarithmicY(chart, plotted);
        return chart;
    }
}
