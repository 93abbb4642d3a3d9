package org.xmppboot.stream;

/**
 * A stanza could not be sent because too many already wait for the session ({@link StreamConfig#maxQueuedOutbound()}):
 * the connection has been down (or negotiating) for a while and the application keeps sending. Nothing was
 * queued; the caller decides whether to retry later, drop the stanza, or slow down.
 */
public class OutboundQueueFullException extends IllegalStateException {

    public OutboundQueueFullException(String message) {
        super(message);
    }
}
