package dev.trialbench.seed;

/**
 * reports, with a skewed owner distribution: the heavy owners ({@link SeedPlan#heavyReportOwner})
 * get {@value SeedPlan#HEAVY_OWNER_REPORTS} reports each, of which only the ones past the first
 * {@value SeedPlan#HEAVY_OWNER_MIN_LIVE_REPORTS} may be soft-deleted; every other report goes to an
 * active user drawn with a skew and is soft-deleted with 3% chance (about 3% overall).
 *
 * <p>Physical row {@code i} is mapped to a logical slot by {@code (i * a + b) mod n} with
 * {@code a} coprime to {@code n}, a permutation that spreads each heavy owner's reports over the
 * whole table; created_at (over the two years before the anchor) is drawn independently of both,
 * so neither the owner nor the creation time correlates with the physical order. Not thread-safe.
 */
final class ReportRows extends UserOwnedRows {

    private static final long MAX_COST_CENTS = 5_000_000;

    private final long rows;
    private final long multiplier;
    private final long offset;
    private final long heavySlots;

    ReportRows(SeedPlan plan) {
        super(plan, SeedTable.REPORTS);
        this.rows = plan.rowCount(SeedTable.REPORTS);
        this.multiplier = coprimeMultiplier(rows);
        this.offset = Mix.below(Mix.at(plan.stream(SeedPlan.PURPOSE_REPORT_ORDER), 0), rows);
        this.heavySlots = (long) plan.heavyReportOwnerCount() * SeedPlan.HEAVY_OWNER_REPORTS;
    }

    @Override
    public void write(long index, CopyBuffer out) {
        random.reset(rowStream, index);
        long slot = (index * multiplier + offset) % rows; // below 2^53 up to scale 100: no overflow
        long owner;
        int deletedPercent;
        if (slot < heavySlots) {
            owner = slot / SeedPlan.HEAVY_OWNER_REPORTS;
            deletedPercent = slot % SeedPlan.HEAVY_OWNER_REPORTS >= SeedPlan.HEAVY_OWNER_MIN_LIVE_REPORTS ? 50 : 0;
        } else {
            owner = random.skewed(activeUsers);
            deletedPercent = 3;
        }
        out.uuid(Mix.uuid(idStream, index));
        out.uuid(Mix.uuid(userIdStream, owner));
        int damage = random.below(FakeText.DAMAGE_TYPES.length);
        long streetNumber = 1 + random.below(300);
        byte[] street = random.pick(FakeText.STREETS);
        byte[] suffix = random.pick(FakeText.STREET_SUFFIXES);
        out.append(FakeText.DAMAGE_TITLES[damage]);
        out.append(FakeText.TITLE_MIDDLE);
        appendStreet(out, streetNumber, street, suffix);
        out.endField();
        appendStreet(out, streetNumber, street, suffix);
        out.append(',');
        out.append(' ');
        out.append(random.pick(FakeText.SUBURBS));
        out.append(' ');
        byte[] state = random.pick(FakeText.STATES);
        out.append(state);
        out.append(' ');
        out.appendDigits(800 + random.below(7000), 4);
        out.endField();
        out.text(FakeText.DAMAGE_TYPES[damage]);
        out.text(state);
        out.append(random.pick(FakeText.SUMMARY_OPENINGS));
        out.append(random.pick(FakeText.SUMMARY_FINDINGS));
        out.append(random.pick(FakeText.SUMMARY_ACTIONS));
        out.endField();
        out.money(random.skewed(MAX_COST_CENTS));
        long createdAt = anchor - MINUTE - random.below(730 * DAY);
        long updatedAt = createdAt + random.below(Math.min(30 * DAY, anchor - createdAt));
        out.timestamp(createdAt);
        out.timestamp(updatedAt);
        if (random.percent(deletedPercent)) {
            out.timestamp(updatedAt + random.below(anchor - updatedAt + 1));
        } else {
            out.nullValue();
        }
        out.endRow();
    }

    private static void appendStreet(CopyBuffer out, long number, byte[] street, byte[] suffix) {
        out.appendNumber(number);
        out.append(' ');
        out.append(street);
        out.append(' ');
        out.append(suffix);
    }

    /** The first number from about 0.618 n on that is coprime to n (1 for n = 1). */
    static long coprimeMultiplier(long n) {
        long candidate = Math.max(1, (long) (n * 0.6180339887498949));
        while (gcd(candidate, n) != 1) {
            candidate++;
        }
        return candidate;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
