package org.xmppboot.plugins.xep0050;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The actions a requester asks for (XEP-0050 §3.4): the {@code action} attribute of a request. */
public enum CommandAction {
    /** Starts a command, or, within a session, takes the action the last response named as default. */
    EXECUTE,
    CANCEL,
    PREV,
    NEXT,
    COMPLETE;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** The attribute's value, {@code execute} etc. */
    public String value() {
        return value;
    }

    /** The action of that value, or null if it is not one of the five. */
    public static @Nullable CommandAction fromValue(@Nullable String value) {
        for (CommandAction action : values()) {
            if (action.value.equals(value)) {
                return action;
            }
        }
        return null;
    }

    /** Whether a response may offer it in its {@code <actions/>} (§3.4: prev, next and complete). */
    public boolean isStep() {
        return this == PREV || this == NEXT || this == COMPLETE;
    }
}
