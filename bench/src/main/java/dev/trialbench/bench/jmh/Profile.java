package dev.trialbench.bench.jmh;

import java.time.Duration;

/**
 * How long JMH measures each benchmark: forks (fresh JVMs), warmup and measurement iterations.
 * Warmup iterations let the JIT compile the path and PostgreSQL's caches fill; only measurement
 * iterations count. A second fork shows whether a number depends on one JVM's luck.
 */
public enum Profile {

    QUICK(1, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(1),
            "1 fork, warmup 1 x 1 s, measurement 3 x 1 s: a first look in under a minute per schema state;"
                    + " ratios are meaningful, small differences are not"),
    FULL(2, 2, Duration.ofSeconds(2), 5, Duration.ofSeconds(2),
            "2 forks, warmup 2 x 2 s, measurement 5 x 2 s: numbers to publish and to gate on");

    private final int forks;
    private final int warmupIterations;
    private final Duration warmupTime;
    private final int measurementIterations;
    private final Duration measurementTime;
    private final String description;

    Profile(int forks, int warmupIterations, Duration warmupTime, int measurementIterations, Duration measurementTime,
            String description) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
        this.description = description;
    }

    public int forks() {
        return forks;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public Duration warmupTime() {
        return warmupTime;
    }

    public int measurementIterations() {
        return measurementIterations;
    }

    public Duration measurementTime() {
        return measurementTime;
    }

    public String description() {
        return description;
    }

    /** Case-insensitive, with the accepted names in the error. */
    public static Profile parse(String name) {
        for (Profile profile : values()) {
            if (profile.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return profile;
            }
        }
        throw new IllegalArgumentException("Unknown benchmark profile '" + name + "': use quick or full");
    }
}
