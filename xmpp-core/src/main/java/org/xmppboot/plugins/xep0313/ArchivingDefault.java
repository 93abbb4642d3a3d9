package org.xmppboot.plugins.xep0313;

import org.jspecify.annotations.Nullable;

/** What the archive does with messages of a JID in neither preference list (XEP-0441 §2.1.1). */
public enum ArchivingDefault {

    /** Every message is archived. */
    ALWAYS("always"),
    /** No message is archived. */
    NEVER("never"),
    /** Only messages with a contact in the roster (by bare JID) are archived. */
    ROSTER("roster");

    private final String value;

    ArchivingDefault(String value) {
        this.value = value;
    }

    /** The value of the {@code default} attribute. */
    public String value() {
        return value;
    }

    /** The default of this attribute value, or null for any other value. */
    public static @Nullable ArchivingDefault fromValue(@Nullable String value) {
        for (ArchivingDefault candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
