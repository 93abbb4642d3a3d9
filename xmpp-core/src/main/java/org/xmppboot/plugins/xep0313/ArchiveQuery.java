package org.xmppboot.plugins.xep0313;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * What to read from an archive (XEP-0313 §4.1): every filter is optional. Start from {@link #ALL} and narrow
 * it: {@code ArchiveQuery.ALL.with(juliet).since(yesterday)}.
 *
 * @param archive whose archive: null for our own account's, else a room's (or another archiving entity's)
 * @param with only messages exchanged with this JID (a bare JID matches all its resources, §4.1.1)
 * @param start only messages archived at or after this instant
 * @param end only messages archived at or before this instant
 * @param afterId only messages archived after the one with this id (§4.1.3; servers announce
 *     {@code urn:xmpp:mam:2#extended} for it); to resume from an id on any server, page with
 *     {@link MessageArchive#catchUp(String, java.util.function.Consumer)} or an {@link ArchivePage} instead
 * @param beforeId only messages archived before the one with this id (same support as {@code afterId})
 * @param pageSize the most messages per page; null for the plugin's {@link MamConfig#pageSize()}
 */
public record ArchiveQuery(@Nullable Jid archive, @Nullable Jid with, @Nullable Instant start,
        @Nullable Instant end, @Nullable String afterId, @Nullable String beforeId, @Nullable Integer pageSize) {

    /** Our own account's whole archive. */
    public static final ArchiveQuery ALL = new ArchiveQuery(null, null, null, null, null, null, null);

    public ArchiveQuery {
        if (pageSize != null && pageSize < 1) {
            throw new IllegalArgumentException("A page holds at least one message: " + pageSize);
        }
    }

    /** The same query on a room's archive (or another entity's); null for our own. */
    public ArchiveQuery inArchive(@Nullable Jid archive) {
        return new ArchiveQuery(archive, with, start, end, afterId, beforeId, pageSize);
    }

    public ArchiveQuery with(@Nullable Jid with) {
        return new ArchiveQuery(archive, with, start, end, afterId, beforeId, pageSize);
    }

    public ArchiveQuery since(@Nullable Instant start) {
        return new ArchiveQuery(archive, with, start, end, afterId, beforeId, pageSize);
    }

    public ArchiveQuery until(@Nullable Instant end) {
        return new ArchiveQuery(archive, with, start, end, afterId, beforeId, pageSize);
    }

    public ArchiveQuery afterId(@Nullable String afterId) {
        return new ArchiveQuery(archive, with, start, end, afterId, beforeId, pageSize);
    }

    public ArchiveQuery beforeId(@Nullable String beforeId) {
        return new ArchiveQuery(archive, with, start, end, afterId, beforeId, pageSize);
    }

    public ArchiveQuery pageSize(@Nullable Integer pageSize) {
        return new ArchiveQuery(archive, with, start, end, afterId, beforeId, pageSize);
    }

    /** Whether any filter needs the query form (§4.1: without one, the whole archive). */
    boolean hasFilter() {
        return with != null || start != null || end != null || afterId != null || beforeId != null;
    }
}
