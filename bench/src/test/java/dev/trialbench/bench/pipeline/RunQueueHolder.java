package dev.trialbench.bench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/** A process that takes its turn in the run queue, says "holding", and leaves when {@code args[0]} exists. */
public final class RunQueueHolder {

    private RunQueueHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (RunQueue queue = RunQueue.enter(System.out)) {
            System.out.println("holding");
            while (!Files.exists(Path.of(args[0]))) {
                Thread.sleep(100);
            }
        }
        System.out.println("released");
    }
}
