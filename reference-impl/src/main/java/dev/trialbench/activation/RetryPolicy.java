package dev.trialbench.activation;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the batched path retries a transaction that failed with a serialization failure (40001) or a
 * deadlock (40P01): at most {@code maxAttempts} attempts, sleeping a random time between 0 and
 * {@code min(maxDelay, baseDelay * 2^retry)} before each retry ("full jitter", so that the
 * transactions that collided do not collide again in step). The report's
 * {@code executeWithRetry} backs off without jitter and is never called by its {@code activateTrial}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(200));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be within 1..20, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
        }
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    Duration backoff(int retry) {
        long cap = Math.min(maxDelay.toNanos(), baseDelay.toNanos() << Math.min(retry, 20));
        return Duration.ofNanos(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }
}
