package org.xmppboot.plugins.xep0045;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** An occupant's role in a room, for as long as it is there (XEP-0045 §5.1). */
public enum Role {
    MODERATOR, PARTICIPANT, VISITOR, NONE;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** The value on the wire. */
    public String value() {
        return value;
    }

    /** The role of a wire value; null for an absent or unknown one. */
    public static @Nullable Role fromValue(@Nullable String value) {
        for (Role role : values()) {
            if (role.value.equals(value)) {
                return role;
            }
        }
        return null;
    }
}
