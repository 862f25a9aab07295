package dev.trialbench.bench.render;

import dev.trialbench.bench.runfolder.LoadEvidence.Run;
import dev.trialbench.bench.runfolder.LoadRuns;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Latency over time under load: the p95 of each activation run (naive and batched, before and after
 * the migrations), second by second from the merged interval logs ({@code load/<run>.hlog}), against
 * the p95 budget. The stairs of offered rate show as steps; a stall shows where it happened. Stateless.
 */
final class LoadOverTimeChart {

    static final String NAME = "load-over-time";
    static final String TITLE = "Activation p95 second by second under the stairs of offered rate, ms";
    static final long WINDOW_MS = 1000;
    private static final Color[] COLOURS = {new Color(0xE08A1E), new Color(0x3B6FB6), new Color(0x6A9F3A),
        new Color(0x8E5EA2)};

    private LoadOverTimeChart() {
    }

    static List<Path> write(LoadRuns load, Path runFolder) {
        if (load.runs("activation").isEmpty()) {
            return List.of();
        }
        return XyCharts.write(draw(load), runFolder, NAME, "latency over time");
    }

    /** Runs in the order naive before, batched before, naive after, batched after, as load.json lists them. */
    static XYChart draw(LoadRuns load) {
        XYChart chart = XyCharts.create(TITLE, "seconds since the run started (the warm-up is not counted)",
                "p95 from intended start in each second, ms (log scale)");
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setMarkerSize(4);
        List<Double> plotted = new ArrayList<>();
        double lastSecond = 0;
        int colour = 0;
        for (Run run : load.runs("activation")) {
            for (String type : load.types(run)) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (LoadRuns.Moment moment : load.overTime(run, type, WINDOW_MS)) {
                    x.add(moment.second());
                    y.add(Math.max(moment.latency().p95(), 0.1));
                    lastSecond = Math.max(lastSecond, moment.second());
                }
                if (!x.isEmpty()) {
                    XYSeries series = chart.addSeries(run.label() + (load.types(run).size() > 1 ? " " + type : ""), x, y);
                    series.setLineColor(COLOURS[colour % COLOURS.length]);
                    series.setMarkerColor(COLOURS[colour % COLOURS.length]);
                    plotted.addAll(y);
                }
                colour++;
            }
        }
        double budget = load.evidence().kpi().p95Millis();
        XyCharts.budget(chart, budget, lastSecond);
        plotted.add(budget);
        XyCharts.logarithmicY(chart, plotted);
        return chart;
    }
}
