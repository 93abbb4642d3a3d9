package org.xmppboot.plugins.xep0050;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link AdHocCommands} keeps the sessions of multi-step commands.
 *
 * @param sessionTimeout how long a session waits for the requester's next step before it expires
 * @param maxSessions how many sessions are kept at once; beyond, the least recently used is forgotten
 */
public record AdHocCommandsConfig(Duration sessionTimeout, int maxSessions) {

    /** Sessions expire after 5 minutes idle; at most 100 at once. */
    public static final AdHocCommandsConfig DEFAULT = new AdHocCommandsConfig(Duration.ofMinutes(5), 100);

    public AdHocCommandsConfig {
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (sessionTimeout.isZero() || sessionTimeout.isNegative()) {
            throw new IllegalArgumentException("sessionTimeout must be positive: " + sessionTimeout);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1: " + maxSessions);
        }
    }
}
