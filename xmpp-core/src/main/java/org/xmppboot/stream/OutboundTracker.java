package org.xmppboot.stream;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.xml.XmlElement;

/**
 * Sees every stanza a stream hands to its connection, in the order they go on the wire: the seam where stream
 * management (XEP-0198) counts the stanzas it sends and keeps each one until the peer acknowledges it, to send
 * it again after a resumption. Set with {@code XMLStream.trackOutbound}; there is none by default.
 *
 * <p><b>What is counted.</b> Stanzas only, as XEP-0198 counts them, every one that goes on the wire: whatever
 * {@link XMLStream#send} sends, after the outbound filters, at the moment it is handed to a connection's send
 * queue, whether at once or when held stanzas are released (a stanza held while there is no connection is not
 * counted until then); and the stanzas written during negotiation ({@code sendNegotiation}: the bind and roster
 * iqs, the initial presence), so that a tracker never has to know which path a stanza took. The other
 * negotiation elements (STARTTLS, SASL, and stream management's own {@code <enable/>}, {@code <r/>} and
 * {@code <a/>}), stream headers, closing tags and keepalives are not stanzas and never pass here; nor do the
 * stanzas stream management re-sends ({@code XMLStream.resend}), which it has seen already. The send thread
 * writes its queue in order, so the order of these calls is the order on the wire.
 *
 * <p><b>Where it runs.</b> On the thread that sends (or releases held stanzas), under the stream's hand-off lock,
 * just before the bytes are queued: it must be quick, must not block, must not send, and must not throw (a
 * failure fails that {@code send}, and the stanza is not written).
 */
@FunctionalInterface
public interface OutboundTracker {

    OutboundTracker NONE = (stanza, bytes) -> {
    };

    /**
     * @param stanza the stanza as sent; the sender may change the object afterwards, so keep {@code bytes} for
     *               sending it again
     * @param bytes  exactly what will be written for it (UTF-8, a complete element); not to be modified
     */
    void handedOff(StanzaBase stanza, byte[] bytes);

    /**
     * Called right after the stanza of the last {@link #handedOff} call went to the connection's send queue, on the
     * same thread and under the same lock: an element to write right behind it, or null (the default). Stream
     * management asks for an ack here, so that the request follows the stanza that made it due. Same rules as
     * {@link #handedOff}: quick, no blocking, no sending.
     */
    default @Nullable XmlElement afterHandOff() {
        return null;
    }
}
