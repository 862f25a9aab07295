package dev.trialbench.loadtest.scenarios;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trialbench.loadtest.config.LoadSettings;
import dev.trialbench.seed.SeedPlan;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What each arrival of one injector asks for, drawn from the seed plan so that outcomes are known:
 * <ul>
 *   <li>activations go to the reserved pool (users that own nothing, fingerprints never seen, IPs
 *       nobody used): injector i of n takes the i-th contiguous slice of each pool and walks it in
 *       order, so injectors never share a user; past the end of its slice it starts again, and the
 *       same user then gets 403 (already had a trial);</li>
 *   <li>a share of arrivals ({@code trialbench.doubleSubmitShare}) re-sends the previous arrival's
 *       exact body, as a double click does, so the activation's concurrency guards are exercised;</li>
 *   <li>listings go to a heavy report owner one time in five, to any active user otherwise.</li>
 * </ul>
 * Random choices come from a generator seeded by (seed, injector): the same settings give the same
 * sequence. Thread-safe: every method is synchronized.
 */
public final class Arrivals {

    /** One activation request: the user it is for and the exact JSON body. */
    public record Activation(UUID userId, String body) {
    }

    static final double HEAVY_OWNER_SHARE = 0.2;

    private final SeedPlan plan;
    private final double doubleSubmitShare;
    private final Slice users;
    private final Slice devices;
    private final Slice ips;
    private final SplittableRandom random;
    private long cursor;
    private Activation previous;

    public Arrivals(SeedPlan plan, LoadSettings settings) {
        this.plan = plan;
        this.doubleSubmitShare = settings.doubleSubmitShare();
        this.users = Slice.of("reserved users", plan.reservedUserCount(), settings.injector(), settings.injectors());
        this.devices = Slice.of("reserved devices", plan.reservedDeviceCount(), settings.injector(), settings.injectors());
        this.ips = Slice.of("reserved IPs", plan.reservedIpCount(), settings.injector(), settings.injectors());
        this.random = new SplittableRandom(settings.seed() * 1_000_003L + settings.injector());
    }

    /** The next activation: a double submit of the previous one, or the next user of the slice. */
    public synchronized Activation nextActivation() {
        if (previous != null && random.nextDouble() < doubleSubmitShare) {
            return previous;
        }
        long step = cursor++;
        UUID user = plan.reservedUser((int) users.at(step));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("userId", user.toString());
        body.put("fingerprintHash", plan.reservedFingerprint((int) devices.at(step)));
        body.putObject("deviceData").put("os", "linux").put("client", "trialbench-loadtest");
        body.put("ipAddress", plan.reservedIp((int) ips.at(step)));
        previous = new Activation(user, body.toString());
        return previous;
    }

    /** The user whose reports the next listing reads. */
    public synchronized UUID nextListingUser() {
        if (plan.heavyReportOwnerCount() > 0 && random.nextDouble() < HEAVY_OWNER_SHARE) {
            return plan.heavyReportOwner(random.nextInt(plan.heavyReportOwnerCount()));
        }
        return plan.activeUser(random.nextLong(plan.activeUserCount()));
    }

    /** Whether the next arrival of a mixed workload is an activation (with probability {@code share}). */
    public synchronized boolean nextIsActivation(double share) {
        return random.nextDouble() < share;
    }

    /** Injector i's contiguous part [from, to) of a pool of {@code size}. */
    private record Slice(long from, long size) {
        static Slice of(String pool, long poolSize, int injector, int injectors) {
            long from = poolSize * injector / injectors;
            long to = poolSize * (injector + 1) / injectors;
            if (to <= from) {
                throw new IllegalArgumentException("The seed plan holds " + poolSize + " " + pool + ", too few for "
                        + injectors + " injectors (raise trialbench.scale or lower trialbench.injectors)");
            }
            return new Slice(from, to - from);
        }

        long at(long step) {
            return from + step % size;
        }
    }
}
