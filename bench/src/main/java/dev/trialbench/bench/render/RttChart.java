package dev.trialbench.bench.render;

import dev.trialbench.bench.runfolder.CellKey;
import dev.trialbench.bench.runfolder.RttSweep;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** p50 of the fraud check and the activation against the injected round-trip time, after the migrations. */
final class RttChart {

    static final String NAME = "rtt-p50";
    static final String TITLE = "p50 against round-trip time (after the migrations), ms";
    private static final Color[] COLOURS = {new Color(0x3B6FB6), new Color(0x9DB8DE), new Color(0xE08A1E),
        new Color(0xF2C48D)};

    private RttChart() {
    }

    static List<Path> write(RttSweep sweep, Path runFolder) {
        if (sweep.isEmpty()) {
            return List.of();
        }
        XYChart chart = XyCharts.create(TITLE, "added per round trip, ms", "p50, ms");
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
        return XyCharts.write(chart, runFolder, NAME, "round-trip");
    }
}
