package org.xmppboot.reconnect;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try again after a connection ends without being asked to, or a connection attempt fails: exponential
 * back-off with full jitter, bounded by {@code maxDelay}, for at most {@code maxAttempts} attempts in a row
 * (0: forever).
 *
 * <p>Full jitter (a uniform delay between zero and the exponential bound) spreads out many clients dropped at
 * once, so that a restarted server is not hit by all of them in the same instant, and keeps the first retry
 * after a brief network blip short: with the default {@code initialDelay} of 500 ms it comes within half a
 * second.
 *
 * @param enabled whether to retry at all
 * @param initialDelay the bound of the first delay; each further attempt doubles it
 * @param maxDelay the largest bound
 * @param maxAttempts how many failed attempts in a row before giving up; 0 for never giving up
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, int maxAttempts) {

    /** Retry forever, from within 500 ms up to a minute apart. */
    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(true, Duration.ofMillis(500), Duration.ofSeconds(60), 0);

    /** Never retry: the first failure is final. */
    public static final ReconnectPolicy DISABLED =
            new ReconnectPolicy(false, Duration.ofMillis(500), Duration.ofSeconds(60), 0);

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must be at least initialDelay ("
                    + initialDelay + ")");
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be 0 (forever) or positive, was " + maxAttempts);
        }
    }

    /** A policy that retries with these delays, forever. */
    public static ReconnectPolicy backoff(Duration initialDelay, Duration maxDelay) {
        return new ReconnectPolicy(true, initialDelay, maxDelay, 0);
    }

    /** This policy, giving up after {@code attempts} failed attempts in a row. */
    public ReconnectPolicy withMaxAttempts(int attempts) {
        return new ReconnectPolicy(enabled, initialDelay, maxDelay, attempts);
    }

    /**
     * Whether to try again after {@code failures} failed attempts in a row (1 after the first failure, or after
     * an established session ended).
     */
    public boolean allowsRetry(int failures) {
        return enabled && (maxAttempts == 0 || failures < maxAttempts);
    }

    /** The upper bound of the delay before retry number {@code retry} (1 for the first). */
    public Duration bound(int retry) {
        long initial = initialDelay.toMillis();
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        long bound = initial > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : initial << doublings;
        return Duration.ofMillis(Math.min(bound, maxDelay.toMillis()));
    }

    /** The delay before retry number {@code retry} (1 for the first): uniform in {@code [0, bound(retry)]}. */
    public Duration delay(int retry, RandomGenerator random) {
        long bound = bound(retry).toMillis();
        return Duration.ofMillis(random.nextLong(bound + 1));
    }
}
