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
 * <p><b>How.</b> Gatling 3.15's {@code constantUsersPerSec(r).during(d)} (not randomized) injects
 * round(r·d) users and starts the k-th user of a stage (k from 0) at the start of its 1/r slot,
 * {@code t_stage + k/r}; stages follow one another without gap. So with {@code T} the injection
 * start, arrival k of stage j is intended at {@code T + (d_0 + ... + d_(j-1)) + k/r_j}. Gatling
 * does not expose {@code T}; the {@link ArrivalClock} estimates it from the warm-up's arrivals.
 * {@code ArrivalScheduleGatlingTest} runs Gatling itself over stages of very different rates and
 * checks this rule against where it really starts each arrival (an earlier rule here, end of slot,
 * {@code (k+1)/r}, charged every arrival of a stage {@code 1/r_0 - 1/r_j} too much: 150 ms at 20/s
 * after a 5/s warm-up, rates per injector). Gatling's timer runs a few
 * milliseconds early per stage; an arrival that starts before its slot is measured from its actual
 * start, never credited. Arrivals are numbered in the order they start; two arrivals started within
 * the same instant on two event loops may swap numbers, which moves an intended start by one slot at
 * most for a pair that started together anyway. The settings insist on whole rates per injector
 * (otherwise Gatling spreads a fractional rate unevenly within each second, and the schedule would
 * be off by up to 1/r).
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

    /**
     * This rule, by name, as run folders record it: each arrival due at the start of its slot, the
     * origin the earliest the warm-up implies. Runs recorded before the name was written used the
     * end of the slot and the first arrival as the origin.
     */
    public static final String RULE = "slot-start";

    private final List<Stage> stages;

    /** The injector's own stages (rates already divided among injectors), warm-up first. */
    public IntendedSchedule(Stage warmup, List<Stage> measured) {
        List<Stage> all = new ArrayList<>();
        all.add(warmup);
        all.addAll(measured);
        this.stages = List.copyOf(all);
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
                long offset = startNanos + Math.round(k * 1e9 / stage.ratePerSecond());
                return new Slot(index, stageLabel(index), k, offset);
            }
            first += stage.arrivals();
            startNanos += stage.seconds() * 1_000_000_000L;
        }
        throw new IllegalStateException("no stages");
    }
}
