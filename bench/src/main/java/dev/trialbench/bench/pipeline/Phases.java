package dev.trialbench.bench.pipeline;

import dev.trialbench.bench.runfolder.RunEvidence.Phase;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Times each phase of a run and announces it on the terminal. Not thread-safe. */
final class Phases {

    private final PrintStream out;
    private final List<Phase> done = new ArrayList<>();
    private final long started = System.nanoTime();

    Phases(PrintStream out) {
        this.out = out;
    }

    <T> T run(String name, Supplier<T> phase) {
        out.printf("== %s (%.0f s into the run)%n", name, (System.nanoTime() - started) / 1e9);
        long start = System.nanoTime();
        RunSession.phaseStarted(name);
        T result = phase.get();
        RunSession.phaseDone(name);
        double seconds = (System.nanoTime() - start) / 1e9;
        done.add(new Phase(name, Math.round(seconds * 100) / 100.0));
        out.printf("   %s: %.1f s%n", name, seconds);
        return result;
    }

    void run(String name, Runnable phase) {
        run(name, () -> {
            phase.run();
            return null;
        });
    }

    List<Phase> done() {
        return List.copyOf(done);
    }

    double totalSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
