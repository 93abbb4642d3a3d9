package org.xmppboot.plugins.xep0280;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0297.Forwarded;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * A carbon copy (XEP-0280 §7, §8): {@code <received xmlns='urn:xmpp:carbons:2'/>} around a message another client of
 * our account received, or {@code <sent/>} around one it sent, each holding a {@code <forwarded/>}. Reached on a
 * message as {@code carbon_received} and {@code carbon_sent}.
 */
public final class Carbon extends ElementBase {

    public static final String NAMESPACE = "urn:xmpp:carbons:2";

    /** Which way the copied message went. */
    public enum Kind {
        /** Another client of ours received it. */
        RECEIVED,
        /** Another client of ours sent it. */
        SENT
    }

    public static final Schema<Carbon> RECEIVED_SCHEMA = Schema.builder("received", NAMESPACE, Carbon::new)
            .extensionName("carbon_received").build();
    public static final Schema<Carbon> SENT_SCHEMA = Schema.builder("sent", NAMESPACE, Carbon::new)
            .extensionName("carbon_sent").build();

    static {
        RECEIVED_SCHEMA.registerExtension(Forwarded.SCHEMA);
        SENT_SCHEMA.registerExtension(Forwarded.SCHEMA);
        Message.SCHEMA.registerExtension(RECEIVED_SCHEMA).registerExtension(SENT_SCHEMA);
    }

    public Carbon(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Carbon> schema() {
        return getKind() == Kind.SENT ? SENT_SCHEMA : RECEIVED_SCHEMA;
    }

    public Kind getKind() {
        return xml.name().equals("sent") ? Kind.SENT : Kind.RECEIVED;
    }

    /** The forwarded copy, or null if the carbon holds none. */
    public @Nullable Forwarded getForwarded() {
        return extension(Forwarded.SCHEMA);
    }
}
