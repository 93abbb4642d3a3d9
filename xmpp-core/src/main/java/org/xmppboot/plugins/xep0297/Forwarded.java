package org.xmppboot.plugins.xep0297;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0203.Delay;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlNode;

/**
 * {@code <forwarded xmlns='urn:xmpp:forward:0'>} (XEP-0297 §3.1): a copy of a message, with an optional
 * {@code <delay/>} saying when the forwarder received it. Carbons (XEP-0280) and archives (XEP-0313) carry their
 * messages in one; they register this schema on their own elements. The {@code delay} is reached by name as
 * an extension, the message through {@link #getMessage()}.
 */
public final class Forwarded extends ElementBase {

    public static final String NAMESPACE = "urn:xmpp:forward:0";
    /** The forwarded stanza is always in the client namespace (XEP-0297 §3.2), whatever the stream's. */
    public static final String CLIENT_NAMESPACE = "jabber:client";

    public static final Schema<Forwarded> SCHEMA = Schema.builder("forwarded", NAMESPACE, Forwarded::new).build();

    static {
        SCHEMA.registerExtension(Delay.SCHEMA);
    }

    public Forwarded(XmlElement xml) {
        super(xml);
    }

    /**
     * A forwarded copy of a message: the copy is moved into {@code jabber:client} (a component's stream has its
     * own namespace) and keeps everything else, extensions included.
     *
     * @param received when we received it, for the delay; null for no delay
     */
    public static Forwarded of(Message message, @Nullable Instant received, @Nullable Jid by) {
        Forwarded forwarded = new Forwarded(new XmlElement("forwarded", NAMESPACE));
        if (received != null) {
            forwarded.xml.addChild(Delay.of(received, by, null).xml());
        }
        forwarded.xml.addChild(inNamespace(message.xml(), message.xml().namespace(), CLIENT_NAMESPACE));
        return forwarded;
    }

    @Override
    public Schema<Forwarded> schema() {
        return SCHEMA;
    }

    /** When the forwarder received the message, or null if it did not say (or the stamp is unreadable). */
    public @Nullable Delay getDelay() {
        return Delay.earliestIn(xml);
    }

    /**
     * The forwarded message, as a {@link Message} whose accessors work as on any received message; null when
     * there is none, it is not a {@code jabber:client} message, or its addresses are not JIDs (what a forwarder
     * cannot have sent in good faith). The message is a view: changing it changes this element.
     */
    public @Nullable Message getMessage() {
        XmlElement inner = xml.element("message", CLIENT_NAMESPACE);
        if (inner == null || !validAddress(inner, "from") || !validAddress(inner, "to")) {
            return null;
        }
        return new Message(inner);
    }

    private static boolean validAddress(XmlElement stanza, String attribute) {
        String value = stanza.attribute(attribute);
        return value == null || Jid.ofOrNull(value) != null;
    }

    /** A copy of an element in which everything in namespace {@code from} is in {@code to} instead. */
    private static XmlElement inNamespace(XmlElement element, String from, String to) {
        if (from.equals(to)) {
            return element.copy();
        }
        XmlElement copy = new XmlElement(element.name(), element.namespace().equals(from) ? to : element.namespace());
        element.attributes().forEach(copy::setAttribute);
        for (XmlNode child : element.children()) {
            copy.addChild(child instanceof XmlElement e ? inNamespace(e, from, to) : child.copy());
        }
        return copy;
    }
}
