package dev.trialbench.bench.claims;

/** What the measurements say about one claim of the optimization report. */
public enum Verdict {
    /** The claim is borne out by this run. */
    HOLDS("HOLDS"),
    /**
     * The report's figure is off in the good direction: the measured figure is clearly better (faster,
     * smaller) than the one claimed, beyond its tolerance and beyond the figure's spread.
     */
    BETTER_THAN_CLAIMED("BETTER THAN CLAIMED"),
    /** The claim is contradicted by this run (in the bad direction where a figure has one). */
    FAILS("FAILS"),
    /** The claim holds under a condition the report does not state; {@link Judgement#condition()} says which. */
    HOLDS_ONLY_IF("HOLDS ONLY IF"),
    /**
     * The measured figure's interval (its forks widened by the measured between-run spread) straddles the
     * threshold: another run of the same code may land on either side, so this run decides nothing.
     */
    NOT_SETTLED("NOT SETTLED"),
    /** This run cannot judge the claim (evidence missing, or another kind of measurement needed). */
    NOT_JUDGED("NOT JUDGED");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
