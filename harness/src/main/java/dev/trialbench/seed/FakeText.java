package dev.trialbench.seed;

import static dev.trialbench.seed.CopyBuffer.ascii;

/**
 * The fixed word lists that generated text is made of, already in COPY-ready bytes, and the person
 * columns (email, name) written from them. Invented street and suburb names, generic given and
 * family names, and {@code example.test} addresses: no row describes a real person or place.
 * Immutable; thread-safe.
 */
final class FakeText {

    static final byte[][] GIVEN_NAMES = ascii("Alex", "Sam", "Jordan", "Taylor", "Casey", "Riley", "Morgan",
            "Jamie", "Avery", "Quinn", "Harper", "Rowan", "Emerson", "Finley", "Hayden", "Skyler", "Reese",
            "Parker", "Charlie", "Drew");
    static final byte[][] FAMILY_NAMES = ascii("Testwood", "Sampleton", "Fakeley", "Mockridge", "Placeholder",
            "Dummett", "Examplar", "Notreal", "Fictor", "Seedling", "Synthe", "Generato", "Loremby", "Ipsumson",
            "Benchley", "Trialson", "Stubbs", "Fixture", "Rowgen", "Datum");
    static final byte[] USER_EMAIL_PREFIX = ascii("user");
    static final byte[] CUSTOMER_EMAIL_PREFIX = ascii("customer");
    static final byte[] EMAIL_DOMAIN = ascii("@example.test");
    static final byte[] BCRYPT_PREFIX = ascii("$2b$10$");
    static final byte[] BCRYPT_ALPHABET = ascii("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    static final byte[][] STREETS = ascii("Wattle", "Banksia", "Ironbark", "Jacaranda", "Kookaburra", "Lyrebird",
            "Paperbark", "Quandong", "Saltbush", "Tuart", "Waratah", "Bottlebrush", "Currawong", "Grevillea");
    static final byte[][] STREET_SUFFIXES = ascii("St", "Rd", "Ave", "Cres", "Pde", "Ct", "Way", "Lane");
    static final byte[][] SUBURBS = ascii("Testvale", "Sample Creek", "Mockton Heights", "Fakeborough",
            "Benchmark Bay", "Seedfield", "Placeholder Park", "Example Downs", "Fixture Flats", "Dummy Point");
    static final byte[][] STATES = ascii("NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT");
    static final byte[][] DAMAGE_TYPES = ascii("water", "fire", "storm", "mould", "impact", "flood", "hail");
    static final byte[][] DAMAGE_TITLES = ascii("Water", "Fire", "Storm", "Mould", "Impact", "Flood", "Hail");
    static final byte[] TITLE_MIDDLE = ascii(" damage at ");
    static final byte[][] SUMMARY_OPENINGS = ascii(
            "Inspection carried out with the owner present.",
            "Site attended after the insurer's request.",
            "Initial assessment completed on the day of the call.",
            "Follow-up visit to confirm the earlier findings.");
    static final byte[][] SUMMARY_FINDINGS = ascii(
            " Moisture readings above normal in the lower wall cavities of two rooms.",
            " Ceiling plaster stained and sagging near the main bathroom.",
            " Smoke residue on the kitchen joinery and the adjoining hallway.",
            " Roof sheeting lifted along the northern edge, gutters overflowing.",
            " Carpet and underlay saturated, skirting boards swollen.");
    static final byte[][] SUMMARY_ACTIONS = ascii(
            " Drying equipment installed for five days.",
            " Affected materials removed and bagged for disposal.",
            " Quote prepared for the builder and the insurer.",
            " Make-safe completed; full scope to follow.");

    static final byte[][] USER_AGENTS = ascii(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Edg/124.0",
            "okhttp/4.12.0",
            "trialbench-mobile/2.3.1 (Android 13)");
    static final byte[][] DEVICE_OS = ascii("android", "ios", "windows", "macos", "linux", "chromeos");
    static final byte[][] DEVICE_BROWSERS = ascii("chrome", "safari", "firefox", "edge", "samsung", "webview");
    static final byte[][] DEVICE_SCREENS = ascii("1920x1080", "2560x1440", "1366x768", "390x844", "412x915",
            "1440x900", "1080x2400");
    static final byte[][] DEVICE_TIMEZONES = ascii("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane",
            "Australia/Perth", "Australia/Adelaide", "Pacific/Auckland", "Asia/Singapore", "UTC");
    static final byte[][] BLOCK_REASONS = ascii("chargeback", "trial_abuse", "manual_review", "stolen_card");

    static final byte[][] FLAG_TYPES = ascii("device_reuse", "card_reuse", "ip_velocity", "disposable_email",
            "vpn_detected", "multiple_trials");
    static final byte[][] SEVERITIES = ascii("low", "medium", "high", "critical");
    static final byte[][] USAGE_ACTIONS = ascii("report_created", "report_exported", "report_shared");
    static final byte[][] CARD_BRANDS = ascii("visa", "mastercard", "amex", "discover");
    static final byte[][] VERIFICATION_STATUSES = ascii("succeeded", "failed", "pending");
    static final byte[][] TOKEN_STATUSES = ascii("active", "expired");
    static final byte[] CARD_PREFIX = ascii("fp_");
    static final byte[][] JOB_STATUSES = ascii("scheduled", "in_progress", "completed", "invoiced", "cancelled");

    /**
     * Two columns of a person: {@code <prefix><index>@example.test} (unique by row) and a given and a
     * family name drawn from {@code random}.
     */
    static void emailAndName(CopyBuffer out, byte[] emailPrefix, long index, RowRandom random) {
        out.append(emailPrefix);
        out.appendNumber(index);
        out.append(EMAIL_DOMAIN);
        out.endField();
        out.append(random.pick(GIVEN_NAMES));
        out.append(' ');
        out.append(random.pick(FAMILY_NAMES));
        out.endField();
    }

    private FakeText() {
    }
}
