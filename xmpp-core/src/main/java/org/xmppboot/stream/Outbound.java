package org.xmppboot.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlWriter;

/**
 * The outbound side of an {@link XMLStream}: outbound filters, serialisation, and the hand-off of each stanza
 * to the current connection's send queue, or to the held stanzas while there is no connection ready for it
 * (none yet, a reconnect under way, or negotiation not finished).
 *
 * <p>Serialisation runs on the sender's thread, so that an unwritable character fails the {@code send} that
 * asked for it rather than the send thread. The send thread itself (batching, keepalives) is the connection's.
 */
final class Outbound {

    // The stream's logger, as for everything the stream does.
    private static final Logger log = LoggerFactory.getLogger(XMLStream.class);

    /** A stanza waiting for a connection: the object for the tracker, the bytes for the wire. */
    private record Held(StanzaBase stanza, byte[] bytes) {
    }

    private final XMLStream stream;
    private final String defaultNamespace;
    final FilterChain filters = new FilterChain();

    /** Stanzas sent while the connection is down or not yet ready for them, in order. Also the hand-off lock. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private boolean released = true; // guarded by held
    private volatile OutboundTracker tracker = OutboundTracker.NONE;

    Outbound(XMLStream stream, String defaultNamespace) {
        this.stream = stream;
        this.defaultNamespace = defaultNamespace;
    }

    /**
     * Filters, serialises and hands off (or holds) a stanza; returns what was sent, or null if a filter dropped
     * it.
     *
     * @throws OutboundQueueFullException when it would have to wait and {@link StreamConfig#maxQueuedOutbound()}
     *     stanzas already do
     */
    @Nullable StanzaBase send(StanzaBase stanza) {
        StanzaBase filtered = filters.apply(stanza);
        if (filtered == null) {
            return null;
        }
        byte[] bytes = toBytes(filtered.xml(), "");
        synchronized (held) {
            // Read under the lock: connect() installs a connection and then releases under it, so a stanza is
            // either handed to the new connection here or held and released there, never stranded.
            Connection c = stream.connection;
            boolean live = c != null && !c.isEnded();
            if (released && held.isEmpty() && live) {
                handOff(c, filtered, bytes);
            } else {
                int max = stream.config.maxQueuedOutbound();
                if (held.size() >= max) {
                    throw new OutboundQueueFullException("Not sent: " + max + " stanzas already wait for the "
                            + (live ? "session to be negotiated" : "connection to come back")
                            + " (StreamConfig.maxQueuedOutbound)");
                }
                if (held.isEmpty() && !live) {
                    log.info("[{}] not connected: stanzas wait for the session (at most {})", stream.config.name(),
                            max);
                }
                held.add(new Held(filtered, bytes));
            }
        }
        return filtered;
    }

    /*
     * ============================================================================================================
     * STREAM MANAGEMENT (XEP-0198) SEAM. Every stanza reaches a connection through this one method, under the
     * hand-off lock, in wire order; nothing else of ours (negotiation, headers, closing tags, keepalives) does.
     * The tracker counts and keeps it here; see OutboundTracker for the contract.
     * ============================================================================================================
     */
    private void handOff(Connection c, StanzaBase stanza, byte[] bytes) {
        tracker.handedOff(stanza, bytes);
        c.write(bytes);
    }

    void track(OutboundTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /** Makes {@link #send} hold stanzas until {@link #release()}. */
    void hold() {
        synchronized (held) {
            released = false;
        }
    }

    /** Hands the held stanzas, in order, to the current connection, and lets later ones through. */
    void release() {
        synchronized (held) {
            Connection c = stream.connection;
            if (c == null || c.isEnded()) {
                return;
            }
            released = true;
            Held next;
            while ((next = held.peek()) != null) {
                handOff(c, next.stanza, next.bytes);
                held.poll(); // only once handed off: a tracker that throws leaves it held, in order
            }
        }
    }

    /** A new connection takes the held stanzas, unless they are held for its negotiation. */
    void connected() {
        synchronized (held) {
            if (released) {
                release();
            }
        }
    }

    /** The stream has closed for good: what still waits will never go out. */
    int discardHeld() {
        synchronized (held) {
            int count = held.size();
            held.clear();
            return count;
        }
    }

    int heldCount() {
        synchronized (held) {
            return held.size();
        }
    }

    /**
     * What goes on the wire for an element: written as a child of our stream root (so the content namespace is
     * not repeated), then {@code tail}, in UTF-8 (RFC 6120 §11.6).
     */
    byte[] toBytes(XmlElement element, String tail) {
        StringBuilder sb = new StringBuilder(256);
        XmlWriter.write(element, defaultNamespace, sb);
        return sb.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Our stream header, with these attributes besides the namespaces. */
    byte[] streamHeader(Map<String, String> attributes) {
        StringBuilder sb = new StringBuilder(256).append("<?xml version='1.0'?><stream:stream xmlns=\"");
        XmlWriter.escapeAttribute(defaultNamespace, sb);
        sb.append("\" xmlns:stream=\"").append(XMLStream.STREAM_NAMESPACE).append('"');
        attributes.forEach((k, v) -> {
            sb.append(' ').append(k).append("=\"");
            XmlWriter.escapeAttribute(v, sb);
            sb.append('"');
        });
        return sb.append('>').toString().getBytes(StandardCharsets.UTF_8);
    }
}
