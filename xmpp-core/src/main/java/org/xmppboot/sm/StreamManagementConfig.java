package org.xmppboot.sm;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a client uses stream management (XEP-0198). Immutable; {@link #DEFAULT} is on, with resumption.
 *
 * @param enabled whether to enable stream management when the server offers it
 * @param ackEvery request an ack ({@code <r/>}) once this many stanzas were sent since the last request and that
 *     request has been answered
 * @param ackInterval request an ack this long after a stanza was sent that no request covers yet, however few:
 *     what bounds how stale our knowledge of the server's count gets when little is sent
 * @param maxResumption the longest time we would like the server to keep a lost session resumable ({@code max}
 *     on {@code <enable/>}, a preference the server may ignore); null to leave it to the server
 * @param maxUnacked how many sent stanzas may wait for the server's acknowledgement. Reaching it means the server
 *     reads but does not acknowledge, so the connection is ended as a network failure would end it (not closed:
 *     the server keeps the session), and what is unacknowledged goes out again after the reconnect (see
 *     {@link StreamManagement})
 */
public record StreamManagementConfig(boolean enabled, int ackEvery, Duration ackInterval,
        @Nullable Duration maxResumption, int maxUnacked) {

    /** On: an ack every 10 stanzas or 5 s, resumption as long as the server allows, at most 5,000 unacked. */
    public static final StreamManagementConfig DEFAULT =
            new StreamManagementConfig(true, 10, Duration.ofSeconds(5), null, 5_000);

    /** Off: no stream management even where the server offers it. */
    public static final StreamManagementConfig DISABLED =
            new StreamManagementConfig(false, 10, Duration.ofSeconds(5), null, 5_000);

    public StreamManagementConfig {
        if (ackEvery < 1) {
            throw new IllegalArgumentException("ackEvery must be at least 1, was " + ackEvery);
        }
        if (ackInterval.isNegative() || ackInterval.isZero()) {
            throw new IllegalArgumentException("ackInterval must be positive");
        }
        if (maxResumption != null && (maxResumption.isNegative() || maxResumption.toSeconds() < 1)) {
            throw new IllegalArgumentException("maxResumption must be at least one second, or null");
        }
        if (maxUnacked < ackEvery) {
            throw new IllegalArgumentException("maxUnacked (" + maxUnacked + ") must be at least ackEvery ("
                    + ackEvery + ")");
        }
    }

    /** This configuration with acks requested every {@code stanzas} stanzas or {@code interval}. */
    public StreamManagementConfig withAcks(int stanzas, Duration interval) {
        return new StreamManagementConfig(enabled, stanzas, interval, maxResumption, maxUnacked);
    }

    /** This configuration asking the server to keep a lost session resumable for {@code max} (null: its choice). */
    public StreamManagementConfig withMaxResumption(@Nullable Duration max) {
        return new StreamManagementConfig(enabled, ackEvery, ackInterval, max, maxUnacked);
    }

    /** This configuration with another bound on unacknowledged stanzas. */
    public StreamManagementConfig withMaxUnacked(int max) {
        return new StreamManagementConfig(enabled, ackEvery, ackInterval, maxResumption, max);
    }
}
