package org.xmppboot.plugins.xep0313;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of an archive query's results, oldest message first whichever way it was paged (XEP-0313 §4.2).
 * Ask {@link MessageArchive#nextPage} and {@link MessageArchive#previousPage} for its neighbours.
 *
 * @param query the query this page answers
 * @param backward whether it was fetched paging backward (from the newest messages towards the oldest)
 * @param messages the page's messages, oldest first
 * @param first the archive id of the page's first message, or null for an empty page
 * @param last the archive id of the page's last message, or null for an empty page
 * @param complete whether no more messages lie beyond this page in the direction it was fetched (§4.3.2): after it
 *     paging forward, before it paging backward
 * @param count how many messages match the query in all, if the archive said; else null
 */
public record ArchivePage(ArchiveQuery query, boolean backward, List<ArchivedMessage> messages,
        @Nullable String first, @Nullable String last, boolean complete, @Nullable Integer count) {

    public ArchivePage {
        messages = List.copyOf(messages);
    }

    /** Whether more messages may follow in the direction this page was fetched. */
    public boolean hasMore() {
        return !complete && (backward ? first != null : last != null);
    }
}
