package org.xmppboot.plugins.xep0333;

import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <markable xmlns='urn:xmpp:chat-markers:0'/>} (XEP-0333 §4.1): the sender would like markers for this
 * message. Reached on a message as {@code markable}.
 */
public final class Markable extends ElementBase {

    public static final Schema<Markable> SCHEMA = Schema.builder("markable", ChatMarkers.NAMESPACE, Markable::new)
            .build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public Markable(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Markable> schema() {
        return SCHEMA;
    }

    public static boolean isMarkable(Message message) {
        return message.hasExtension(SCHEMA);
    }

    /** Adds {@code <markable/>} to a message, or with {@code false} removes it. */
    public static void setMarkable(Message message, boolean markable) {
        if (markable) {
            message.enableExtension(SCHEMA);
        } else {
            message.removeExtension(SCHEMA);
        }
    }
}
