package dev.trialbench.seed;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The data set of one {@link SeedConfig}, without a database: how many rows each table gets, and
 * the ids and keys a test or a benchmark needs to find existing rows, or rows that are guaranteed
 * absent. A benchmark rebuilds the plan from (seed, scale, anchor) instead of reading a bookkeeping
 * table. Immutable and thread-safe.
 *
 * <p>Users {@code [0, activeUserCount())} are active: every row of every other table belongs to
 * them. Users {@code [activeUserCount(), userCount)} are the reserved pool: they exist in
 * {@code users} and own nothing else. Reserved fingerprints and IPs never occur in any table
 * (seeded IPs come from 10/8, 172.16/12, 100.64/10 and fd00::/8; reserved ones from 198.18/15 and
 * 2001:db8::/32).
 */
public final class SeedPlan {

    /** A heavy report owner has at least this many reports that are not soft-deleted. */
    public static final int HEAVY_OWNER_MIN_LIVE_REPORTS = 1_000;
    /** Reports of each heavy owner; the ones past {@link #HEAVY_OWNER_MIN_LIVE_REPORTS} may be deleted. */
    static final int HEAVY_OWNER_REPORTS = 1_050;
    static final int HEAVY_OWNERS_AT_SCALE_ONE = 20;
    static final int BUSY_IPS_AT_SCALE_ONE = 20;
    static final int ORGANIZATIONS_AT_SCALE_ONE = 200;
    static final int MAX_RESERVED_DEVICES = 10_000_000;

    private static final int BUSY_IP_BASE = (100 << 24) | (64 << 16) | 1;       // 100.64.0.1, shared NAT
    private static final int RESERVED_IP_BASE = (198 << 24) | (18 << 16);      // 198.18.0.0/15, benchmarking
    private static final int RESERVED_IPV4_COUNT = 1 << 17;

    // Purposes of the value streams (see Mix.stream); never renumber: it would change every data set.
    private static final long IDS = 100;
    private static final long ROWS = 200;
    private static final long FINGERPRINTS = 300;
    static final long PURPOSE_SHARED_CARDS = 301;
    static final long PURPOSE_PRIVATE_CARDS = 302;
    static final long PURPOSE_HOME_IPS = 303;
    static final long PURPOSE_ORGANIZATIONS = 304;
    static final long PURPOSE_REPORT_ORDER = 305;
    static final long PURPOSE_CUSTOMER_ORGANIZATIONS = 306;

    private final SeedConfig config;
    private final long anchorMillis;
    private final Map<SeedTable, Long> rowCounts;
    private final long activeUsers;
    private final int heavyOwners;
    private final int busyIps;
    private final int organizations;
    private final long fingerprintStream;
    private final long homeIpStream;

    private SeedPlan(SeedConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.anchorMillis = config.anchor().toEpochMilli();
        Map<SeedTable, Long> counts = new EnumMap<>(SeedTable.class);
        for (SeedTable table : SeedTable.values()) {
            counts.put(table, scaled(table.rowsAtScaleOne(), config.scale()));
        }
        this.rowCounts = Collections.unmodifiableMap(counts);
        this.activeUsers = counts.get(SeedTable.USERS) - config.reservedUsers();
        long reports = counts.get(SeedTable.REPORTS);
        long wantedHeavy = Math.max(2, Math.round(HEAVY_OWNERS_AT_SCALE_ONE * config.scale()));
        // Heavy owners hold at most half of the reports, so that the others still spread widely.
        this.heavyOwners = (int) Math.min(Math.min(wantedHeavy, reports / (2L * HEAVY_OWNER_REPORTS)), activeUsers);
        this.busyIps = (int) Math.max(2, Math.round(BUSY_IPS_AT_SCALE_ONE * config.scale()));
        this.organizations = (int) scaled(ORGANIZATIONS_AT_SCALE_ONE, config.scale());
        this.fingerprintStream = stream(FINGERPRINTS);
        this.homeIpStream = stream(PURPOSE_HOME_IPS);
    }

    public static SeedPlan of(SeedConfig config) {
        return new SeedPlan(config);
    }

    /** round(rowsAtScaleOne × scale), at least 1. */
    public static long scaled(long rowsAtScaleOne, double scale) {
        return Math.max(1, Math.round(rowsAtScaleOne * scale));
    }

    public SeedConfig config() {
        return config;
    }

    public Instant anchor() {
        return config.anchor();
    }

    long anchorMillis() {
        return anchorMillis;
    }

    public long rowCount(SeedTable table) {
        return rowCounts.get(table);
    }

    /** Rows per table, in load order. */
    public Map<SeedTable, Long> rowCounts() {
        return rowCounts;
    }

    // ---- users ------------------------------------------------------------------------------

    public long userCount() {
        return rowCount(SeedTable.USERS);
    }

    public long activeUserCount() {
        return activeUsers;
    }

    /** Any user, active or reserved, by index in [0, userCount()). */
    public UUID userId(long index) {
        Objects.checkIndex(index, userCount());
        return id(SeedTable.USERS, index);
    }

    /** An active user (one that may own tokens, sessions, devices, reports ...), in [0, activeUserCount()). */
    public UUID activeUser(long index) {
        Objects.checkIndex(index, activeUsers);
        return id(SeedTable.USERS, index);
    }

    /** A reserved user: exists in users, owns no row in any other table. */
    public UUID reservedUser(int index) {
        Objects.checkIndex(index, reservedUserCount());
        return id(SeedTable.USERS, activeUsers + index);
    }

    public int reservedUserCount() {
        return config.reservedUsers();
    }

    /** Every reserved user, in index order (a new list each call). */
    public java.util.List<UUID> reservedUsers() {
        java.util.List<UUID> users = new java.util.ArrayList<>(reservedUserCount());
        for (int index = 0; index < reservedUserCount(); index++) {
            users.add(reservedUser(index));
        }
        return users;
    }

    /** Every reserved fingerprint, in index order (a new list each call). */
    public java.util.List<String> reservedFingerprints() {
        java.util.List<String> fingerprints = new java.util.ArrayList<>(reservedDeviceCount());
        for (int index = 0; index < reservedDeviceCount(); index++) {
            fingerprints.add(reservedFingerprint(index));
        }
        return fingerprints;
    }

    /** Users owning at least {@link #HEAVY_OWNER_MIN_LIVE_REPORTS} reports that are not deleted. */
    public UUID heavyReportOwner(int index) {
        Objects.checkIndex(index, heavyOwners);
        return activeUser(index);
    }

    /** 20 per unit of scale, at least 2 (from scale 0.0084 on, where the reports hold two heavy owners); 1 or 0 below. */
    public int heavyReportOwnerCount() {
        return heavyOwners;
    }

    // ---- devices and IPs --------------------------------------------------------------------

    /** The fingerprint hash (64 hex digits) of device_fingerprints row index, in [0, rows). */
    public String existingFingerprint(long index) {
        Objects.checkIndex(index, rowCount(SeedTable.DEVICE_FINGERPRINTS));
        return fingerprint(index);
    }

    /** A fingerprint hash that no table holds. */
    public String reservedFingerprint(int index) {
        Objects.checkIndex(index, reservedDeviceCount());
        return fingerprint(rowCount(SeedTable.DEVICE_FINGERPRINTS) + index);
    }

    public int reservedDeviceCount() {
        return config.reservedDevices();
    }

    /** An IP that no session or fraud flag uses: 198.18.0.0/15, then 2001:db8::/32 past 131072. */
    public String reservedIp(int index) {
        Objects.checkIndex(index, reservedIpCount());
        if (index < RESERVED_IPV4_COUNT) {
            return formatIpv4(RESERVED_IP_BASE + index);
        }
        return "2001:db8::" + Integer.toHexString(index >>> 16) + ":" + Integer.toHexString(index & 0xFFFF);
    }

    /** As many reserved IPs as reserved users or devices, whichever is more. */
    public int reservedIpCount() {
        return Math.max(config.reservedUsers(), config.reservedDevices());
    }

    /** A shared NAT address with many login sessions in the 24 hours before the anchor. */
    public String busyIp(int index) {
        return formatIpv4(busyIpv4(index));
    }

    public int busyIpCount() {
        return busyIps;
    }

    /** The usual address (in 10/8) of an active user: few sessions, used by that user only (mostly). */
    public String homeIp(long activeUserIndex) {
        Objects.checkIndex(activeUserIndex, activeUsers);
        return formatIpv4(homeIpv4(activeUserIndex, 0));
    }

    // ---- package-private: what the generators share -----------------------------------------

    UUID id(SeedTable table, long index) {
        return Mix.uuid(stream(IDS + table.ordinal()), index);
    }

    long idStream(SeedTable table) {
        return stream(IDS + table.ordinal());
    }

    long rowStream(SeedTable table) {
        return stream(ROWS + table.ordinal());
    }

    long stream(long purpose) {
        return Mix.stream(config.seed(), purpose);
    }

    /**
     * Word 0..3 of a fingerprint hash. Word 0 is a bijection of the index, so hashes of distinct
     * indexes differ, and the reserved ones (indexes past the table's rows) are never inserted.
     */
    long fingerprintWord(long index, int word) {
        long first = Mix.at(fingerprintStream, index);
        return word == 0 ? first : Mix.mix64(first + word * 0xD1B54A32D192ED03L);
    }

    int busyIpv4(int index) {
        Objects.checkIndex(index, busyIps);
        return BUSY_IP_BASE + index;
    }

    /** One of an active user's two home addresses (slot 0 or 1), in 10.0.0.0/8. */
    int homeIpv4(long userIndex, int slot) {
        return (10 << 24) | (int) (Mix.at(homeIpStream, 2 * userIndex + slot) & 0xFFFFFF);
    }

    /** A per-user IPv6 prefix in fd00::/8 (the high word of the address). */
    long homeIpv6Prefix(long userIndex) {
        return 0xFD00000000000000L | (Mix.at(homeIpStream, -1 - userIndex) >>> 8);
    }

    int organizationCount() {
        return organizations;
    }

    /** Free trial token index → index of the active user it belongs to. */
    long tokenUserIndex(long token) {
        return token % activeUsers;
    }

    /** Whether a token is its user's newest one (only the newest may still be active). */
    boolean isNewestToken(long token) {
        return token + activeUsers >= rowCount(SeedTable.FREE_TRIAL_TOKENS);
    }

    private String fingerprint(long index) {
        StringBuilder hex = new StringBuilder(64);
        for (int word = 0; word < 4; word++) {
            String digits = Long.toHexString(fingerprintWord(index, word));
            hex.append("0".repeat(16 - digits.length())).append(digits);
        }
        return hex.toString();
    }

    static String formatIpv4(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }
}
