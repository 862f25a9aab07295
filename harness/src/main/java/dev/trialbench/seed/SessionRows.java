package dev.trialbench.seed;

/**
 * login_sessions over the 30 days before the anchor, with skewed users (a few active users log in
 * often) and skewed addresses: 2% come from a handful of shared NAT addresses (100.64/10), 60% of
 * those in the last 24 hours, so each busy address has many sessions inside the fraud check's
 * window; 85% from one of the user's two home addresses (10/8); 10% from mobile carriers
 * (172.16/12); 3% over IPv6 (fd00::/8). Not thread-safe.
 */
final class SessionRows extends UserOwnedRows {

    private static final int MOBILE_BASE = (172 << 24) | (16 << 16);

    SessionRows(SeedPlan plan) {
        super(plan, SeedTable.LOGIN_SESSIONS);
    }

    @Override
    public void write(long index, CopyBuffer out) {
        random.reset(rowStream, index);
        long user = random.skewed(activeUsers);
        out.uuid(Mix.uuid(idStream, index));
        out.uuid(Mix.uuid(userIdStream, user));
        int kind = random.below(1000);
        boolean lastDay = false;
        if (kind < 20) {
            out.ipv4(plan.busyIpv4(random.below(plan.busyIpCount())));
            lastDay = random.percent(60);
        } else if (kind < 870) {
            out.ipv4(plan.homeIpv4(user, random.below(2)));
        } else if (kind < 970) {
            out.ipv4(MOBILE_BASE | (int) (random.next() & 0xFFFFF));
        } else {
            out.ipv6(plan.homeIpv6Prefix(user), random.next());
        }
        out.text(random.pick(FakeText.USER_AGENTS));
        out.timestamp(anchor - MINUTE - random.below(lastDay ? DAY - MINUTE : 30 * DAY));
        out.endRow();
    }
}
