package org.xmppboot.plugins.xep0313;

import java.util.Iterator;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

/** The messages of a query, page after page, each page fetched (and waited for) when the previous is used up. */
final class PageIterator implements Iterator<ArchivedMessage> {

    private final MessageArchive archive;
    private final ArchiveQuery query;
    private @Nullable ArchivePage page;
    private int position;

    PageIterator(MessageArchive archive, ArchiveQuery query) {
        this.archive = archive;
        this.query = query;
    }

    @Override
    public boolean hasNext() {
        while (page == null || position >= page.messages().size()) {
            if (page != null && !page.hasMore()) {
                return false;
            }
            page = (page == null ? archive.firstPage(query) : archive.nextPage(page)).join();
            position = 0;
        }
        return true;
    }

    @Override
    public ArchivedMessage next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.messages().get(position++);
    }
}
