package org.xmppboot.sasl;

import org.jspecify.annotations.Nullable;

/**
 * Authentication failed: a {@code <failure/>} from the server (its condition from RFC 6120 §6.5, such as
 * {@code not-authorized}), or a check on our side (a bad server signature, no usable mechanism).
 */
public class SaslException extends Exception {

    private final String condition;
    private final @Nullable String text;

    public SaslException(String condition, @Nullable String text) {
        super(condition + (text == null || text.isEmpty() ? "" : ": " + text));
        this.condition = condition;
        this.text = text;
    }

    /** The SASL condition, such as {@code not-authorized}, {@code account-disabled}, {@code temporary-auth-failure}. */
    public String condition() {
        return condition;
    }

    public @Nullable String text() {
        return text;
    }
}
