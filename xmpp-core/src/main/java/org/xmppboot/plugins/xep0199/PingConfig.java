package org.xmppboot.plugins.xep0199;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How {@link Ping} keeps the connection honest.
 *
 * @param keepaliveInterval how often to ping the server while connected; null for no keepalive
 * @param keepaliveTimeout how long a keepalive ping may go unanswered before the connection is ended as failed
 */
public record PingConfig(@Nullable Duration keepaliveInterval, Duration keepaliveTimeout) {

    /** No keepalive; a ping unanswered for 20 s when one is switched on. */
    public static final PingConfig DEFAULT = new PingConfig(null, Duration.ofSeconds(20));

    public PingConfig {
        Objects.requireNonNull(keepaliveTimeout, "keepaliveTimeout");
        if (keepaliveInterval != null && (keepaliveInterval.isZero() || keepaliveInterval.isNegative())) {
            throw new IllegalArgumentException("keepaliveInterval must be positive: " + keepaliveInterval);
        }
        if (keepaliveTimeout.isZero() || keepaliveTimeout.isNegative()) {
            throw new IllegalArgumentException("keepaliveTimeout must be positive: " + keepaliveTimeout);
        }
    }

    /** A keepalive ping every {@code interval}. */
    public PingConfig withKeepalive(Duration interval) {
        return new PingConfig(interval, keepaliveTimeout);
    }
}
