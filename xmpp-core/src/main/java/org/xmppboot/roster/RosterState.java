package org.xmppboot.roster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;

/**
 * The items and version of one roster, and their store. Readers on any thread see an immutable snapshot through
 * one volatile read; changes copy the map under a lock (pushes are rare next to reads), save to the store in
 * the same order, and report what changed.
 */
final class RosterState {

    private static final Logger log = LoggerFactory.getLogger(RosterState.class);

    /** One consistent view: the items (unmodifiable, in roster order) and the version they correspond to. */
    record Snapshot(@Nullable String version, Map<Jid, RosterItem> items) {
    }

    private final RosterStore store;
    private final Object lock = new Object();
    private volatile Snapshot current;

    RosterState(RosterStore store) {
        this.store = store;
        RosterStore.Snapshot stored;
        try {
            stored = store.load();
        } catch (RuntimeException e) {
            log.warn("The roster store failed to load; starting from an empty roster", e);
            stored = RosterStore.Snapshot.EMPTY;
        }
        Map<Jid, RosterItem> items = new LinkedHashMap<>();
        for (RosterItem item : stored.items()) {
            items.put(item.jid(), item);
        }
        current = new Snapshot(stored.version(), Collections.unmodifiableMap(items));
    }

    Snapshot snapshot() {
        return current;
    }

    /** Replaces the whole roster (a full result); returns the differences. */
    List<RosterChange> replaceAll(@Nullable String version, Collection<RosterItem> items) {
        synchronized (lock) {
            Map<Jid, RosterItem> before = current.items();
            Map<Jid, RosterItem> after = new LinkedHashMap<>();
            for (RosterItem item : items) {
                if (item.subscription() != Subscription.REMOVE) {
                    after.put(item.jid(), item);
                }
            }
            List<RosterChange> changes = new ArrayList<>();
            for (RosterItem item : after.values()) {
                RosterItem previous = before.get(item.jid());
                if (!item.equals(previous)) {
                    changes.add(new RosterChange(item.jid(), previous, item));
                }
            }
            for (RosterItem item : before.values()) {
                if (!after.containsKey(item.jid())) {
                    changes.add(new RosterChange(item.jid(), item, null));
                }
            }
            current = new Snapshot(version, Collections.unmodifiableMap(after));
            saving(() -> store.replaceAll(version, after.values()));
            return changes;
        }
    }

    /** Applies one pushed item: added, changed, or removed with {@code subscription='remove'}. */
    @Nullable RosterChange apply(@Nullable String pushedVersion, RosterItem item) {
        synchronized (lock) {
            Snapshot before = current;
            // A push without a version leaves the cached version as it was: the server resends from there.
            String version = pushedVersion != null ? pushedVersion : before.version();
            RosterItem previous = before.items().get(item.jid());
            Map<Jid, RosterItem> after = new LinkedHashMap<>(before.items());
            RosterChange change;
            if (item.subscription() == Subscription.REMOVE) {
                after.remove(item.jid());
                change = previous == null ? null : new RosterChange(item.jid(), previous, null);
                saving(() -> store.remove(version, item.jid()));
            } else {
                after.put(item.jid(), item);
                change = item.equals(previous) ? null : new RosterChange(item.jid(), previous, item);
                saving(() -> store.save(version, item));
            }
            current = new Snapshot(version, Collections.unmodifiableMap(after));
            return change;
        }
    }

    private static void saving(Runnable save) {
        try {
            save.run();
        } catch (RuntimeException e) {
            log.warn("The roster store failed to save a change; the roster in memory has it", e);
        }
    }
}
