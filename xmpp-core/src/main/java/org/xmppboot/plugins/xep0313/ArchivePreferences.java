package org.xmppboot.plugins.xep0313;

import java.util.List;
import java.util.Objects;

import org.xmppboot.jid.Jid;

/**
 * Which messages our server archives for our account (XEP-0441 §2.1, split from XEP-0313): those with the JIDs
 * of {@code always}, none with those of {@code never}, and for everyone else as {@code defaultBehaviour} says.
 * A bare JID in a list stands for all its resources, a full JID for that resource only (§2.3.1).
 *
 * @param defaultBehaviour for JIDs in neither list
 * @param always JIDs whose messages are always archived
 * @param never JIDs whose messages are never archived
 */
public record ArchivePreferences(ArchivingDefault defaultBehaviour, List<Jid> always, List<Jid> never) {

    public ArchivePreferences {
        Objects.requireNonNull(defaultBehaviour, "defaultBehaviour");
        always = List.copyOf(always);
        never = List.copyOf(never);
    }

    /** Only a default, both lists empty. */
    public static ArchivePreferences of(ArchivingDefault defaultBehaviour) {
        return new ArchivePreferences(defaultBehaviour, List.of(), List.of());
    }

    public ArchivePreferences withDefault(ArchivingDefault behaviour) {
        return new ArchivePreferences(behaviour, always, never);
    }

    public ArchivePreferences withAlways(List<Jid> jids) {
        return new ArchivePreferences(defaultBehaviour, jids, never);
    }

    public ArchivePreferences withNever(List<Jid> jids) {
        return new ArchivePreferences(defaultBehaviour, always, jids);
    }
}
