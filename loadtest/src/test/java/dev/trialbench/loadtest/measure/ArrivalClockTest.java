package dev.trialbench.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.loadtest.config.Stage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ArrivalClockTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void anArrivalThatStartsLateIsChargedTheDelayFromItsSlot() {
        AtomicLong now = new AtomicLong(5_000 * MS);
        ArrivalClock clock = new ArrivalClock(new IntendedSchedule(new Stage(10, 1), List.of(new Stage(10, 1))), now::get);

        ArrivalClock.Arrival first = clock.next();               // fixes the origin: its slot ends at 100 ms
        now.set(5_000 * MS + 100 * MS);
        ArrivalClock.Arrival onTime = clock.next();
        now.set(5_000 * MS + 500 * MS);                          // the injector stalled: the third comes 300 ms late
        ArrivalClock.Arrival late = clock.next();

        assertThat(first.latencyNanos(5_000 * MS + 4 * MS)).isEqualTo(4 * MS);
        assertThat(onTime.intendedNanos()).isEqualTo(5_100 * MS);
        assertThat(late.intendedNanos()).isEqualTo(5_200 * MS);
        assertThat(late.latencyNanos(5_504 * MS)).isEqualTo(304 * MS);
    }

    @Test
    void anArrivalThatStartsEarlyIsMeasuredFromItsActualStart() {
        AtomicLong now = new AtomicLong(0);
        ArrivalClock clock = new ArrivalClock(new IntendedSchedule(new Stage(10, 1), List.of(new Stage(10, 1))), now::get);
        clock.next();
        now.set(99 * MS);                                        // Gatling's millisecond rounding: 1 ms before its slot

        ArrivalClock.Arrival early = clock.next();

        assertThat(early.latencyNanos(104 * MS)).isEqualTo(5 * MS);
    }

    @Test
    void theMeasuredStagesFollowTheWarmUp() {
        AtomicLong now = new AtomicLong(0);
        ArrivalClock clock = new ArrivalClock(new IntendedSchedule(new Stage(2, 1), List.of(new Stage(4, 1))), now::get);

        List<String> labels = java.util.stream.IntStream.range(0, 6).mapToObj(i -> clock.next().slot().stageLabel()).toList();

        assertThat(labels).containsExactly("warmup", "warmup", "1", "1", "1", "1");
        assertThat(clock.arrivals()).isEqualTo(6);
    }
}
