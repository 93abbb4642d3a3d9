package org.xmppboot.roster;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * A {@link RosterStore} in memory: the roster and its version outlive one {@link Roster} (hand the same store to
 * the next connection of the same account in this JVM), not the JVM. Thread-safe.
 */
public final class InMemoryRosterStore implements RosterStore {

    private final Map<Jid, RosterItem> items = new LinkedHashMap<>();
    private @Nullable String version;

    @Override
    public synchronized Snapshot load() {
        return new Snapshot(version, List.copyOf(items.values()));
    }

    @Override
    public synchronized void replaceAll(@Nullable String newVersion, Collection<RosterItem> newItems) {
        items.clear();
        for (RosterItem item : newItems) {
            items.put(item.jid(), item);
        }
        version = newVersion;
    }

    @Override
    public synchronized void save(@Nullable String newVersion, RosterItem item) {
        items.put(item.jid(), item);
        version = newVersion;
    }

    @Override
    public synchronized void remove(@Nullable String newVersion, Jid jid) {
        items.remove(jid);
        version = newVersion;
    }

    /** The stored version, or null. */
    public synchronized @Nullable String version() {
        return version;
    }

    public synchronized int size() {
        return items.size();
    }
}
