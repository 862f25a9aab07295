package dev.trialbench.bench.claims;

import java.util.Objects;

/**
 * A verdict with its reason; {@code condition} is set for {@link Verdict#HOLDS_ONLY_IF} only.
 * Immutable.
 */
public record Judgement(Verdict verdict, String condition, String reason) {

    public Judgement {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if ((verdict == Verdict.HOLDS_ONLY_IF) != (condition != null)) {
            throw new IllegalArgumentException("a condition goes with HOLDS_ONLY_IF, and only with it");
        }
    }

    static Judgement holds(String reason) {
        return new Judgement(Verdict.HOLDS, null, reason);
    }

    static Judgement fails(String reason) {
        return new Judgement(Verdict.FAILS, null, reason);
    }

    static Judgement holdsOnlyIf(String condition, String reason) {
        return new Judgement(Verdict.HOLDS_ONLY_IF, condition, reason);
    }

    static Judgement notJudged(String reason) {
        return new Judgement(Verdict.NOT_JUDGED, null, reason);
    }

    /** {@code HOLDS}, or {@code HOLDS ONLY IF <condition>}. */
    public String verdictText() {
        return verdict == Verdict.HOLDS_ONLY_IF ? verdict.label() + " " + condition : verdict.label();
    }

    /** The same verdict with a sentence added to the reason. */
    Judgement withNote(String note) {
        return new Judgement(verdict, condition, reason + "; " + note);
    }
}
