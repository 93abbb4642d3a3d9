package org.xmppboot.plugins.xep0050;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Where a command stands after a response (XEP-0050 §3.4): the {@code status} attribute. */
public enum CommandStatus {
    /** Waiting for the requester's next action: the session goes on. */
    EXECUTING,
    COMPLETED,
    CANCELED;

    private final String value = name().toLowerCase(Locale.ROOT);

    public String value() {
        return value;
    }

    /** The status of that value, or null. */
    public static @Nullable CommandStatus fromValue(@Nullable String value) {
        for (CommandStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        return null;
    }
}
