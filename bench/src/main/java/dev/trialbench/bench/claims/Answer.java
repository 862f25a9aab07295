package dev.trialbench.bench.claims;

import java.util.Optional;

/**
 * One headline question of the optimization report answered in one line: the verdict (with its
 * condition) and the figures it rests on, with their intervals. The report's top block and the end of a
 * run on the terminal print the same {@link #line()}. Immutable.
 *
 * @param question  the question, e.g. "Is trial activation 6x faster?"
 * @param judgement the verdict and its reason; null for a question that names something rather than
 *                  judging a claim ("Which statement still dominates?")
 * @param detail    the figures, plain text (no markup)
 */
public record Answer(String question, Judgement judgement, String detail) {

    public Optional<Verdict> verdict() {
        return Optional.ofNullable(judgement).map(Judgement::verdict);
    }

    /** {@code Is trial activation 6x faster? NOT SETTLED: 6.57x [4.31x, 10.0x] ...} */
    public String line() {
        return question + " " + (judgement == null ? "" : judgement.verdictText() + ": ") + detail;
    }
}
