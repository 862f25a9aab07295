package dev.trialbench.seed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the seeder generates: the seed of every derived value, the scale factor, and the anchor
 * instant that every timestamp is computed back from (so that the fraud check's 24-hour and 7-day
 * windows hold a known share of the rows when the anchor is close to the time of the benchmark).
 * The same seed, scale and anchor give byte-identical rows.
 *
 * <p>The reserved pool ({@link #reservedUsers()} users that get no rows in any other table, and
 * {@link #reservedDevices()} fingerprints that are never inserted) is what a benchmark activates
 * trials for: first-time users on unseen devices. Immutable, validated on construction; thread-safe.
 *
 * @param seed            seeds every generated id and value (flag {@code --seed})
 * @param scale           row counts relative to scale 1 (100k users, 1M login sessions, ...), in (0, 100]
 * @param anchor          "now" of the data set: sessions lie in the 30 days before it, tokens expire around it
 * @param reservedUsers   users (counted within the users table) that own nothing
 * @param reservedDevices fingerprint hashes that are guaranteed absent from device_fingerprints
 */
public record SeedConfig(long seed, double scale, Instant anchor, int reservedUsers, int reservedDevices) {

    public static final double MAX_SCALE = 100.0;
    /** The reserved pools hold at least this many users and devices (unless the scale is tiny). */
    public static final int MIN_RESERVED = 200;
    /** ... and otherwise this share of the users (devices) at the scale. */
    public static final double RESERVED_SHARE = 0.20;

    public SeedConfig {
        List<String> problems = new ArrayList<>();
        if (Double.isNaN(scale) || Double.isInfinite(scale) || scale <= 0 || scale > MAX_SCALE) {
            problems.add("the scale must be greater than 0 and at most " + MAX_SCALE
                    + " (flag --scale; 1 means 100k users and 1M login sessions), was " + scale);
        }
        if (anchor == null) {
            problems.add("the anchor instant is missing (flag --anchor, e.g. 2025-01-01T00:00:00Z; default: now)");
        }
        if (problems.isEmpty()) {
            long users = SeedPlan.scaled(SeedTable.USERS.rowsAtScaleOne(), scale);
            if (reservedUsers < 0 || reservedUsers >= users) {
                problems.add("the reserved users must be between 0 and " + (users - 1) + " (the users at scale "
                        + scale + " minus one, flag --reserved-users), was " + reservedUsers);
            }
            if (reservedDevices < 0 || reservedDevices > SeedPlan.MAX_RESERVED_DEVICES) {
                problems.add("the reserved devices must be between 0 and " + SeedPlan.MAX_RESERVED_DEVICES
                        + " (flag --reserved-devices), was " + reservedDevices);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid seed configuration: " + String.join("; ", problems));
        }
    }

    /** The configuration with the default reserved pools: max(200, 20%) users and devices. */
    public static SeedConfig of(long seed, double scale, Instant anchor) {
        if (Double.isNaN(scale) || scale <= 0 || scale > MAX_SCALE) {
            return new SeedConfig(seed, scale, anchor, 0, 0); // throws, naming --scale
        }
        return new SeedConfig(seed, scale, anchor, defaultReservedUsers(scale), defaultReservedDevices(scale));
    }

    /**
     * Parses the flags' text, for a command line: {@code --seed} must be an integer, {@code --scale}
     * a decimal number.
     */
    public static SeedConfig parse(String seedText, String scaleText, Instant anchor) {
        long seed;
        double scale;
        try {
            seed = Long.parseLong(seedText == null ? "" : seedText.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid seed configuration: the seed must be an integer"
                    + " (flag --seed, e.g. --seed 42), was '" + seedText + "'", e);
        }
        try {
            scale = Double.parseDouble(scaleText == null ? "" : scaleText.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid seed configuration: the scale must be a number greater"
                    + " than 0 and at most " + MAX_SCALE + " (flag --scale, e.g. --scale 0.1), was '" + scaleText + "'", e);
        }
        return of(seed, scale, anchor);
    }

    /**
     * max(200, 20% of the users), but never more than half of them, so that a tiny scale still has
     * active users (the cap only bites below scale 0.004).
     */
    static int defaultReservedUsers(double scale) {
        long users = SeedPlan.scaled(SeedTable.USERS.rowsAtScaleOne(), scale);
        long wanted = Math.max(MIN_RESERVED, Math.round(users * RESERVED_SHARE));
        return (int) Math.min(wanted, users / 2);
    }

    static int defaultReservedDevices(double scale) {
        long devices = SeedPlan.scaled(SeedTable.DEVICE_FINGERPRINTS.rowsAtScaleOne(), scale);
        return (int) Math.max(MIN_RESERVED, Math.round(devices * RESERVED_SHARE));
    }

    /**
     * Every measured activation (a benchmark iteration, a load run) takes a fresh reserved user and
     * device, and can take a few thousand: this configuration's pools are half the users, at most
     * {@value #LARGE_RESERVED_POOL_CAP}, never less than the default. The pipeline seeds with it, and
     * the load injectors rebuild the same plan with it, so both agree on who is reserved.
     */
    public SeedConfig withLargeReservedPool() {
        long users = SeedPlan.scaled(SeedTable.USERS.rowsAtScaleOne(), scale);
        int reserved = (int) Math.max(reservedUsers, Math.min(users / 2, LARGE_RESERVED_POOL_CAP));
        return withReservedUsers(reserved).withReservedDevices(Math.max(reservedDevices, reserved));
    }

    /** The largest pool {@link #withLargeReservedPool()} reserves. */
    public static final int LARGE_RESERVED_POOL_CAP = 20_000;

    public SeedConfig withReservedUsers(int users) {
        return new SeedConfig(seed, scale, anchor, users, reservedDevices);
    }

    public SeedConfig withReservedDevices(int devices) {
        return new SeedConfig(seed, scale, anchor, reservedUsers, devices);
    }
}
