package dev.trialbench.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Load shedding at the door. The JDK's server hands each request to the worker executor, whose queue
 * has no bound: under an open load heavier than the database can serve, requests would wait there
 * for minutes (a client's timeout, not the service, would end them), and the pool's connection
 * timeout would never apply to the time spent in the queue. This executor notes when each request
 * was queued; a route then answers 503 with {@code Retry-After} at once, without touching the
 * database, to a request that waited longer than the budget (the pool's connection timeout). So no
 * request waits past the budget in the queue, and the database works only on requests that can
 * still be answered in time. Thread-safe.
 */
final class QueueDeadline implements Executor {

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private final ExecutorService workers;
    private final long budgetNanos;

    QueueDeadline(ExecutorService workers, Duration budget) {
        this.workers = workers;
        this.budgetNanos = budget.toNanos();
    }

    @Override
    public void execute(Runnable exchange) {
        long deadline = System.nanoTime() + budgetNanos;
        workers.execute(() -> {
            DEADLINE.set(deadline);
            try {
                exchange.run();
            } finally {
                DEADLINE.remove();
            }
        });
    }

    /** Whether the request this worker thread serves waited in the queue past its budget. */
    static boolean expired() {
        Long deadline = DEADLINE.get();
        return deadline != null && System.nanoTime() - deadline > 0;
    }
}
