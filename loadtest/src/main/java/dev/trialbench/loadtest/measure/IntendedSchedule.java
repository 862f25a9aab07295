package dev.trialbench.loadtest.measure;

import dev.trialbench.loadtest.config.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * When each arrival of one injector was meant to start, so that latency is measured from the
 * intended start and not from the moment the request was finally sent.
 *
 * <p><b>Why.</b> A load generator that measures from the actual send hides its own stalls and the
 * service's: if the injector (GC, a saturated event loop, a full client pool) sends a request 300 ms
 * late, the user still waited those 300 ms, but a send-time histogram shows the short service time
 * (coordinated omission). Measuring from the schedule charges every delay to the percentiles.
 *
 * <p><b>How.</b> Gatling's {@code constantUsersPerSec(r).during(d)} (not randomized) injects
 * round(r·d) users; for a whole rate r it places the k-th user of a stage (k from 0) at
 * {@code t_stage + (k+1)/r - 1 ms}, i.e. at the end of its 1/r slot, to the millisecond. Stages
 * follow one another without gap. So with {@code T} the injection start, arrival k of stage j is
 * intended at {@code T + (d_0 + ... + d_(j-1)) + (k+1)/r_j} (the constant 1 ms is left out: it
 * cancels). {@code T} itself is not exposed by Gatling, so the {@link ArrivalClock} takes it from
 * the first arrival: {@code T = actualStart(0) - 1/r_0}. Arrivals are numbered in the order they
 * start; two arrivals started within the same instant on two event loops may swap numbers, which
 * moves an intended start by one slot at most for a pair that started together anyway. The settings
 * insist on whole rates per injector (otherwise Gatling spreads a fractional rate unevenly within
 * each second, and the schedule would be off by up to 1/r).
 *
 * <p>Stage 0 is the warm-up (label {@code warmup}); measured stages are labelled 1, 2, ...
 * Immutable and thread-safe.
 */
public final class IntendedSchedule {

    /** Where an arrival falls: its stage and its intended start, in nanoseconds after T. */
    public record Slot(int stageIndex, String stageLabel, long arrivalInStage, long offsetNanos) {
        public boolean measured() {
            return stageIndex > 0;
        }
    }

    public static final String WARMUP_LABEL = "warmup";

    private final List<Stage> stages;

    /** The injector's own stages (rates already divided among injectors), warm-up first. */
    public IntendedSchedule(Stage warmup, List<Stage> measured) {
        List<Stage> all = new ArrayList<>();
        all.add(warmup);
        all.addAll(measured);
        this.stages = List.copyOf(all);
    }

    /** All arrivals this schedule holds. */
    public long totalArrivals() {
        return stages.stream().mapToLong(Stage::arrivals).sum();
    }

    /** The label of stage {@code index}: warmup, 1, 2, ... */
    public static String stageLabel(int index) {
        return index == 0 ? WARMUP_LABEL : Integer.toString(index);
    }

    /**
     * The slot of arrival number {@code sequence} (from 0). Arrivals past the schedule (none are
     * expected) continue the last stage's rhythm.
     */
    public Slot slot(long sequence) {
        long first = 0;
        long startNanos = 0;
        for (int index = 0; index < stages.size(); index++) {
            Stage stage = stages.get(index);
            boolean last = index == stages.size() - 1;
            if (sequence < first + stage.arrivals() || last) {
                long k = sequence - first;
                long offset = startNanos + Math.round((k + 1) * 1e9 / stage.ratePerSecond());
                return new Slot(index, stageLabel(index), k, offset);
            }
            first += stage.arrivals();
            startNanos += stage.seconds() * 1_000_000_000L;
        }
        throw new IllegalStateException("no stages");
    }
}
