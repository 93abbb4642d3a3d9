package org.xmppboot.roster;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * Where a {@link Roster} keeps its items and version between connections, so that with roster versioning
 * (RFC 6121 §2.6) the server sends only what changed, or nothing. Implement it over a file or a database to keep
 * the roster across restarts; {@link InMemoryRosterStore} is the default.
 *
 * <p>The roster calls {@link #load()} once, when it is created, and the saving methods in the order the changes
 * happen, one at a time, on the connection's event thread: keep them quick (hand slow writes to an executor of
 * your own). A failing save is logged and the roster goes on. The version saved with each change is the version
 * the items correspond to; a store that cannot save atomically should save the version last, or not at all (a
 * stale or missing version only costs a full roster at the next login).
 */
public interface RosterStore {

    /**
     * What a store holds.
     *
     * @param version the roster version the items correspond to, or null if unknown
     * @param items the items
     */
    record Snapshot(@Nullable String version, List<RosterItem> items) {

        public static final Snapshot EMPTY = new Snapshot(null, List.of());

        public Snapshot {
            items = List.copyOf(items);
        }
    }

    /** The items and version saved last ({@link Snapshot#EMPTY} for none). */
    Snapshot load();

    /** The whole roster was replaced (a full roster result, RFC 6121 §2.1.4). */
    void replaceAll(@Nullable String version, Collection<RosterItem> items);

    /** One item was added or changed (a roster push, §2.1.6). */
    void save(@Nullable String version, RosterItem item);

    /** One item was removed (a push with {@code subscription='remove'}, §2.5.2). */
    void remove(@Nullable String version, Jid jid);
}
