package dev.trialbench.bench.claims;

/**
 * One claim of the optimization report and what this run says about it. Immutable.
 *
 * @param section   where the report makes it, e.g. "Performance Improvements Expected, before"
 * @param quote     the report's own words
 * @param measured  the figures this run measured for it
 * @param judgement the verdict and its reason
 * @param source    the raw figures it rests on (file and cell, statement or field)
 * @param reproduce the command that reproduces the run, from environment.json
 */
public record Claim(String section, String quote, String measured, Judgement judgement, String source, String reproduce) {

    public Verdict verdict() {
        return judgement.verdict();
    }
}
