package dev.trialbench.bench.claims;

/** What the measurements say about one claim of the optimization report. */
public enum Verdict {
    /** The claim is borne out by this run. */
    HOLDS("HOLDS"),
    /** The claim is contradicted by this run. */
    FAILS("FAILS"),
    /** The claim holds under a condition the report does not state; {@link Judgement#condition()} says which. */
    HOLDS_ONLY_IF("HOLDS ONLY IF"),
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
