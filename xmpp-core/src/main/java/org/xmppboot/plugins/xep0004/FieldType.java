package org.xmppboot.plugins.xep0004;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The field types of XEP-0004 §3.3. */
public enum FieldType {
    BOOLEAN, FIXED, HIDDEN, JID_MULTI, JID_SINGLE, LIST_MULTI, LIST_SINGLE, TEXT_MULTI, TEXT_PRIVATE, TEXT_SINGLE;

    private final String value = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The wire name, e.g. {@code list-single}. */
    public String value() {
        return value;
    }

    /**
     * Whether the field may carry more than one value: list-multi, jid-multi, text-multi and hidden (XEP-0004
     * §3.2); all others MUST NOT.
     */
    public boolean allowsMultipleValues() {
        return this == LIST_MULTI || this == JID_MULTI || this == TEXT_MULTI || this == HIDDEN;
    }

    /** Whether the values are JIDs. */
    public boolean isJid() {
        return this == JID_SINGLE || this == JID_MULTI;
    }

    /** Whether the values are chosen among the field's options. */
    public boolean isList() {
        return this == LIST_SINGLE || this == LIST_MULTI;
    }

    /**
     * The type named by a {@code type} attribute. Absent is null (the caller decides: a form's field defaults to
     * text-single, a submission's is inferred from its form, XEP-0004 §3.2); a name not understood is
     * {@link #TEXT_SINGLE}, which §3.3 says MUST be assumed.
     */
    public static @Nullable FieldType fromValue(@Nullable String value) {
        if (value == null) {
            return null;
        }
        for (FieldType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        return TEXT_SINGLE;
    }
}
