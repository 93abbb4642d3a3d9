package org.xmppboot.roster;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The {@code subscription} attribute of a roster item (RFC 6121 §2.1.2.5): who sees whose presence.
 * "The user" is this account, "the contact" the item's JID.
 */
public enum Subscription {

    /** Neither sees the other's presence. The default when the attribute is absent. */
    NONE,
    /** The user sees the contact's presence; the contact does not see the user's. */
    TO,
    /** The contact sees the user's presence; the user does not see the contact's. */
    FROM,
    /** Both see each other's presence. */
    BOTH,
    /** Only in a roster set (delete the item, §2.5) and in the push announcing a deletion (§2.5.2). */
    REMOVE;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** The attribute value. */
    public String value() {
        return value;
    }

    /** Whether the user receives the contact's presence ({@code to} or {@code both}). */
    public boolean toContact() {
        return this == TO || this == BOTH;
    }

    /** Whether the contact receives the user's presence ({@code from} or {@code both}). */
    public boolean fromContact() {
        return this == FROM || this == BOTH;
    }

    /**
     * The subscription for an attribute value: absent means {@link #NONE} (§2.1.2.5), and so does a value this
     * version of the protocol does not define (lenient reading: one odd attribute must not lose the roster).
     */
    public static Subscription parse(@Nullable String value) {
        if (value != null) {
            for (Subscription s : values()) {
                if (s.value.equals(value)) {
                    return s;
                }
            }
        }
        return NONE;
    }
}
