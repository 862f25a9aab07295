package dev.trialbench.loadtest.measure;

import java.util.function.LongSupplier;

/**
 * Numbers the arrivals of one injector in the order they start and gives each its intended start
 * on {@link System#nanoTime()}'s scale (see {@link IntendedSchedule} for the rule and why).
 *
 * <p>The origin {@code T} is the earliest that the warm-up's arrivals imply: each gives
 * {@code actual - offset}, and since an arrival can start late (a cold JVM, a busy event loop) but
 * not early by more than Gatling's rounding, the smallest is the best estimate. Taking the first
 * arrival alone would shift every intended start by however late that one arrival was, and hide as
 * much of every later delay. The origin is fixed when the warm-up ends: measured arrivals that start
 * early then are measured from their actual start (see {@link Arrival#latencyNanos}), never credited.
 * Thread-safe: {@link #next()} is synchronized, and is the only place that hands out sequence
 * numbers.
 */
public final class ArrivalClock {

    /** One arrival: its number, slot, and intended and actual start (nanoTime). */
    public record Arrival(long sequence, IntendedSchedule.Slot slot, long intendedNanos, long actualNanos) {

        /**
         * Latency from the intended start; an arrival that started before its slot (it cannot by
         * more than Gatling's 1 ms rounding) is measured from its actual start, never credited.
         */
        public long latencyNanos(long completedNanos) {
            return completedNanos - Math.min(intendedNanos, actualNanos);
        }
    }

    private final IntendedSchedule schedule;
    private final LongSupplier nanoTime;
    private long nextSequence;
    private long originNanos;

    public ArrivalClock(IntendedSchedule schedule) {
        this(schedule, System::nanoTime);
    }

    /** With another clock than {@link System#nanoTime()} (tests). */
    ArrivalClock(IntendedSchedule schedule, LongSupplier nanoTime) {
        this.schedule = schedule;
        this.nanoTime = nanoTime;
    }

    public synchronized Arrival next() {
        long now = nanoTime.getAsLong();
        long sequence = nextSequence++;
        IntendedSchedule.Slot slot = schedule.slot(sequence);
        if (sequence == 0 || !slot.measured() && now - slot.offsetNanos() < originNanos) {
            originNanos = now - slot.offsetNanos();
        }
        return new Arrival(sequence, slot, originNanos + slot.offsetNanos(), now);
    }

    /** Arrivals handed out so far. */
    public synchronized long arrivals() {
        return nextSequence;
    }
}
