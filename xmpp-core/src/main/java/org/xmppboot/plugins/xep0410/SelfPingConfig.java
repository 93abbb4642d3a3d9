package org.xmppboot.plugins.xep0410;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link MucSelfPing}.
 *
 * @param interval how often each joined room is pinged; null turns self-pings off. XEP-0410 leaves it to the
 *     client; a few minutes keeps the traffic negligible
 * @param timeout how long a ping waits for its answer; no answer says nothing (§3.2), and the next round tries
 *     again
 */
public record SelfPingConfig(@Nullable Duration interval, Duration timeout) {

    /** Every 5 minutes, 30 s to answer. */
    public static final SelfPingConfig DEFAULT = new SelfPingConfig(Duration.ofMinutes(5), Duration.ofSeconds(30));

    public SelfPingConfig {
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("interval must be positive, or null for no self-pings");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public SelfPingConfig withInterval(@Nullable Duration every) {
        return new SelfPingConfig(every, timeout);
    }
}
