package org.xmppboot.plugins.xep0313;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0059.ResultSet;
import org.xmppboot.stanza.Iq;

/**
 * The results of one running query, gathered as they arrive until its {@code <fin/>} turns them into a page.
 * Results reach handlers in stream order before the iq result (XEP-0313 §4.2), so the page is whole once the
 * iq result arrives.
 */
final class ResultCollector {

    private final Jid archive;
    private final boolean ownArchive;
    private final List<ArchivedMessage> messages = new ArrayList<>();

    ResultCollector(Jid archive, boolean ownArchive) {
        this.archive = archive;
        this.ownArchive = ownArchive;
    }

    Jid archive() {
        return archive;
    }

    /**
     * Whether a result from this sender can belong to the query: the queried archive itself, or, for our own
     * account's archive, our server speaking for it without a {@code from} (RFC 6120 §8.1.2.1). Anyone else could
     * be inserting messages into what we believe our history (XEP-0313 §8.2).
     */
    boolean accepts(@Nullable Jid from) {
        return from == null ? ownArchive : from.equals(archive);
    }

    synchronized void add(ArchivedMessage message) {
        messages.add(message);
    }

    /** The page the iq result ends. */
    synchronized ArchivePage page(ArchiveQuery query, boolean backward, Iq result) {
        MamFin fin = result.extension(MamFin.SCHEMA);
        if (fin == null) {
            throw new IllegalStateException("The archive's answer has no <fin/>: " + result);
        }
        ResultSet set = fin.getResultSet();
        String first = set == null ? null : set.getFirst();
        String last = set == null ? null : set.getLast();
        if (first == null && !messages.isEmpty()) {
            first = messages.get(0).id();
        }
        if (last == null && !messages.isEmpty()) {
            last = messages.get(messages.size() - 1).id();
        }
        boolean complete = fin.isComplete() || messages.isEmpty() && set != null && set.getFirst() == null;
        return new ArchivePage(query, backward, messages, first, last, complete,
                set == null ? null : set.getCount());
    }
}
