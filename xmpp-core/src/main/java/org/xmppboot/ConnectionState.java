package org.xmppboot;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a connection stands, for health checks and diagnostics: what it is doing, since when, and why, when it
 * is not established. The reason never holds a secret.
 *
 * @param phase what the connection is doing
 * @param since when it entered this phase
 * @param reason why it is not established: the last failure while connecting or reconnecting, or what ended it;
 *     null while connecting for the first time and while established
 */
public record ConnectionState(Phase phase, Instant since, @Nullable String reason) {

    /** The phases of a connection's life. */
    public enum Phase {
        /** {@code connect()} has not been called. */
        IDLE,
        /** Opening the connection or negotiating the session. */
        CONNECTING,
        /** The session is established. */
        ESTABLISHED,
        /** The connection was lost, or an attempt failed; another attempt is scheduled. */
        RECONNECTING,
        /** Given up: a failure that retrying cannot cure, or the attempts ran out. */
        FAILED,
        /** Closed by {@code disconnect()}. */
        CLOSED
    }

    static ConnectionState of(Phase phase, @Nullable String reason) {
        return new ConnectionState(phase, Instant.now(), reason);
    }
}
