package dev.trialbench.activation;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A generated activation case: a user, device and IP with a random mix of history (previous trial,
 * shared card, used or blocked device, busy IP, open, resolved or old fraud flags), written by
 * {@link #plant(Fixtures, Random)}. Everything is drawn from the given Random, so planting the same
 * seed into two databases gives the same rows and the same request.
 */
record Scenario(String label, ActivationRequest request) {

    static Scenario plant(Fixtures fixtures, Random random) {
        StringBuilder label = new StringBuilder();
        UUID user;
        boolean known = random.nextInt(10) != 0;
        if (!known) {
            user = fixtures.newId();
            label.append("unknown-user ");
        } else {
            user = fixtures.user();
            int trial = random.nextInt(6);
            if (trial == 0) {
                fixtures.trial(user, true);
                label.append("active-trial ");
            } else if (trial == 1) {
                fixtures.trial(user, false);
                label.append("expired-trial ");
            }
            if (random.nextBoolean()) {
                String card = "card_" + fixtures.newFingerprint().substring(0, 16);
                fixtures.card(user, "old_" + card, Duration.ofDays(90));
                fixtures.card(user, card, Duration.ofDays(1 + random.nextInt(20)));
                int sharers = new int[] {0, 1, 2, 4}[random.nextInt(4)];
                for (int i = 0; i < sharers; i++) {
                    fixtures.card(fixtures.user(), card, Duration.ofDays(random.nextInt(200)));
                }
                label.append("card-shared-by-").append(sharers + 1).append(' ');
            }
        }
        String fingerprint = fixtures.newFingerprint();
        int device = random.nextInt(10);
        if (device < 3) {
            label.append("new-device ");
        } else if (device < 9) {
            int trials = random.nextInt(5);
            fixtures.device(fingerprint, trials, false, random.nextBoolean() ? null : fixtures.user());
            label.append("device-trials-").append(trials).append(' ');
        } else {
            fixtures.device(fingerprint, 0, true, null);
            label.append("blocked-device ");
        }
        String ip = null;
        int ipKind = random.nextInt(5);
        if (ipKind == 0) {
            label.append("no-ip ");
        } else {
            ip = random.nextInt(4) == 0 ? "2001:db8::" + Integer.toHexString(random.nextInt(0xffff)) : fixtures.newIp();
            if (ipKind >= 3) {
                UUID sessionUser = fixtures.user();
                int recent = random.nextInt(30);
                fixtures.sessions(sessionUser, ip, recent, Duration.ofMinutes(5 + random.nextInt(600)));
                fixtures.sessions(sessionUser, ip, random.nextInt(5), Duration.ofHours(30));
                label.append("ip-sessions-").append(recent).append(' ');
            } else {
                label.append("fresh-ip ");
            }
        }
        if (random.nextInt(3) == 0) {
            int flags = 1 + random.nextInt(4);
            for (int i = 0; i < flags; i++) {
                Severity severity = Severity.values()[random.nextInt(4)];
                boolean onDevice = !known || random.nextBoolean();
                boolean resolved = random.nextInt(4) == 0;
                Duration ago = random.nextInt(4) == 0 ? Duration.ofDays(10) : Duration.ofHours(1 + random.nextInt(120));
                fixtures.flag(onDevice ? null : user, onDevice ? fingerprint : null, severity, resolved, ago);
            }
            label.append("flags-").append(flags);
        }
        Map<String, String> deviceData = Map.of("os", "test-os", "screen", "1280x800");
        return new Scenario(label.toString().strip(), new ActivationRequest(user.toString(), fingerprint, deviceData, ip));
    }
}
