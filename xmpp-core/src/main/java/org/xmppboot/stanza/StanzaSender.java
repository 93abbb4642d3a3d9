package org.xmppboot.stanza;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/** Where a stanza goes when its {@code send()} is called: the stream it was made by or received on. */
public interface StanzaSender {

    /** Queues the stanza for writing. */
    void send(StanzaBase stanza);

    /**
     * Sends an iq get or set and returns its response: completes with the {@code result}, fails with a
     * {@link StanzaErrorException} on {@code error}, or with an {@link IqTimeoutException} after the timeout.
     * On a stream, the future is an {@code org.xmppboot.stream.StreamFuture}, which says on which thread it
     * completes and where blocking on it fails.
     *
     * @param timeout null for the sender's default
     */
    CompletableFuture<Iq> sendIq(Iq iq, @Nullable Duration timeout);
}
