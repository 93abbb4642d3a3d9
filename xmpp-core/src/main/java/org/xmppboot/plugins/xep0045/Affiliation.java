package org.xmppboot.plugins.xep0045;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** A user's long-lived standing with a room (XEP-0045 §5.2); {@link #OUTCAST} is banned. */
public enum Affiliation {
    OWNER, ADMIN, MEMBER, OUTCAST, NONE;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** The value on the wire. */
    public String value() {
        return value;
    }

    /** The affiliation of a wire value; null for an absent or unknown one. */
    public static @Nullable Affiliation fromValue(@Nullable String value) {
        for (Affiliation affiliation : values()) {
            if (affiliation.value.equals(value)) {
                return affiliation;
            }
        }
        return null;
    }
}
