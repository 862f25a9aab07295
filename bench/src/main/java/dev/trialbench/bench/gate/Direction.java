package dev.trialbench.bench.gate;

/**
 * Which way a check's figure may move. A gate that confuses the two directions passes regressions and
 * fails improvements, so every check names its direction and the verdict is derived from it alone
 * ({@link Band#judge}).
 */
public enum Direction {
    /** A larger figure is better (a speedup ratio, a hit ratio): falling below the band is a regression. */
    HIGHER_IS_BETTER("higher is better"),
    /** A smaller figure is better (a latency, a multiple of the floor, buffers per call): rising above is a regression. */
    LOWER_IS_BETTER("lower is better"),
    /** Any move out of the band is a regression (statement counts, plan shapes, the floor's own control ratio). */
    EXACT("exact");

    private final String text;

    Direction(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
