package org.xmppboot.stream;

import org.xmppboot.xml.XmlElement;

/**
 * Sees every top-level element a connection's read thread parses, first, before the session gate, the inbound
 * filters and every handler: the seam where stream management (XEP-0198) counts the stanzas it receives and
 * answers the peer's ack requests at once. Set with {@code XMLStream.trackInbound}; there is none by default.
 *
 * <p><b>Where it runs.</b> On the read thread of the connection the element came on, in the order the elements
 * were received, one call at a time per connection. It must be quick and must not block: the read thread is
 * what answers the peer, and it must never wait for the sending side (an ack is written straight to the
 * connection, never queued behind stanzas). A throw ends the connection, as any failure on the read thread does.
 *
 * <p><b>A late read thread.</b> A connection that has ended (the network failed, the stream was aborted) may
 * still have a read thread finishing the bytes it had read. {@link Source#isEnded()} tells the tracker so, at
 * the moment it asks: a tracker that counts what it received can refuse such an element under the same lock
 * it reads its count with, so that every element is either counted and delivered, or neither.
 */
@FunctionalInterface
public interface InboundTracker {

    InboundTracker NONE = (element, source) -> false;

    /** The connection an element came on, as far as a tracker needs to know it. */
    interface Source {

        /** Whether this connection has ended; once true, it stays true. */
        boolean isEnded();
    }

    /**
     * @param element a top-level element as parsed (a stanza, a stream error, a negotiation element)
     * @param source  the connection it came on
     * @return true to take the element: nothing else sees it (not the session gate, filters, observer or
     *     handlers); false to let it go on as usual
     */
    boolean received(XmlElement element, Source source);
}
