package dev.trialbench.bench.gate;

/** The verdict of one check of the gate. */
public enum GateVerdict {
    /** Within the tolerance. */
    PASS,
    /** Beyond the tolerance in the bad direction: the gate exits 1. */
    REGRESSION,
    /** Beyond the tolerance in the good direction: shown, never failed; refresh the baseline to keep it. */
    IMPROVED,
    /** The figure could not be read (a file, a cell or a statement missing, or another scale): the gate exits 2. */
    NOT_MEASURED;

    public boolean passes() {
        return this == PASS || this == IMPROVED;
    }
}
