package dev.trialbench.seed;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar over all rows on an interactive terminal (me.tongfei:progressbar, drawn on
 * stderr), naming the tables being loaded. One bar, not one per table: two tables load at once,
 * and two bars redrawn on one line would garble each other. Mutable; the seeder serializes calls.
 */
final class BarSeedProgress implements SeedProgress {

    private final Map<SeedTable, Long> rowsDone = new EnumMap<>(SeedTable.class);
    private long finishedRows;
    private ProgressBar bar;

    @Override
    public void seedingStarted(SeedConfig config, long totalRows) {
        bar = new ProgressBarBuilder()
                .setTaskName("seed x" + config.scale())
                .setInitialMax(totalRows)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setUnit(" rows", 1)
                .showSpeed()
                .build();
    }

    @Override
    public void tableStarted(SeedTable table, long rows) {
        rowsDone.put(table, 0L);
        refresh();
    }

    @Override
    public void rowsWritten(SeedTable table, long rowsSoFar) {
        rowsDone.put(table, rowsSoFar);
        refresh();
    }

    @Override
    public void tableFinished(SeedTable table, long rows, Duration took) {
        rowsDone.remove(table);
        finishedRows += rows;
        refresh();
    }

    @Override
    public void vacuumStarted() {
        if (bar != null) {
            bar.setExtraMessage("VACUUM (ANALYZE)");
        }
    }

    @Override
    public void finished(SeedSummary summary) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        System.err.printf("Seeded %,d rows, %,d MB of heap in %.1f s (%.0f MB/s)%n", summary.totalRows(),
                summary.totalHeapBytes() / 1_000_000, summary.duration().toMillis() / 1000.0,
                summary.heapMegabytesPerSecond());
    }

    private void refresh() {
        if (bar == null) {
            return;
        }
        long inProgress = rowsDone.values().stream().mapToLong(Long::longValue).sum();
        bar.stepTo(finishedRows + inProgress);
        StringJoiner tables = new StringJoiner(", ");
        rowsDone.keySet().forEach(table -> tables.add(table.tableName()));
        bar.setExtraMessage(tables.toString());
    }
}
