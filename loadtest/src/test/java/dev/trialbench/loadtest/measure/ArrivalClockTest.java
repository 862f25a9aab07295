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

        ArrivalClock.Arrival first = clock.next();               // fixes the origin T: the first slot starts there
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
    void eachArrivalIsDueAtTheStartOfItsSlotCountedFromItsStage() {
        IntendedSchedule schedule = new IntendedSchedule(new Stage(2, 2), List.of(new Stage(50, 1), new Stage(4, 1)));

        List<Long> intended = java.util.stream.LongStream.range(0, 4 + 50 + 2)
                .mapToObj(i -> schedule.slot(i).offsetNanos() / MS).toList();

        assertThat(intended.subList(0, 4)).containsExactly(0L, 500L, 1_000L, 1_500L);
        assertThat(intended.subList(4, 7)).containsExactly(2_000L, 2_020L, 2_040L);
        assertThat(intended.get(53)).isEqualTo(2_980L);
        assertThat(intended.subList(54, 56)).containsExactly(3_000L, 3_250L);
    }

    @Test
    void aLateFirstArrivalDoesNotMoveTheScheduleTheWarmUpShowsEarlier() {
        AtomicLong now = new AtomicLong(1_080 * MS);                // the first arrival is 80 ms late (a cold start)
        ArrivalClock clock = new ArrivalClock(new IntendedSchedule(new Stage(10, 1), List.of(new Stage(10, 1))), now::get);
        clock.next();
        for (int k = 1; k < 10; k++) {
            now.set(1_000 * MS + k * 100 * MS);                   // the rest of the warm-up on time
            clock.next();
        }
        now.set(1_000 * MS + 1_030 * MS);                          // the first measured arrival, 30 ms late

        ArrivalClock.Arrival measured = clock.next();

        assertThat(measured.slot().measured()).isTrue();
        assertThat(measured.intendedNanos()).isEqualTo(2_000 * MS);
        assertThat(measured.latencyNanos(2_034 * MS)).isEqualTo(34 * MS);
    }

    @Test
    void theOriginIsFixedOnceTheMeasuredStagesBegin() {
        AtomicLong now = new AtomicLong(0);
        ArrivalClock clock = new ArrivalClock(new IntendedSchedule(new Stage(10, 1), List.of(new Stage(10, 2))), now::get);
        for (int k = 0; k < 10; k++) {
            now.set(k * 100 * MS);
            clock.next();
        }
        now.set(990 * MS);                                         // a measured arrival 10 ms early
        clock.next();
        now.set(1_100 * MS);

        assertThat(clock.next().intendedNanos()).as("not pulled 10 ms earlier").isEqualTo(1_100 * MS);
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
