package org.xmppboot.plugins.xep0280;

import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <private xmlns='urn:xmpp:carbons:2'/>} (XEP-0280 §9): on a message we send, asks our server not to
 * copy it to our other clients. Reached on a message as {@code carbon_private}.
 */
public final class CarbonPrivate extends ElementBase {

    public static final Schema<CarbonPrivate> SCHEMA = Schema.builder("private", Carbon.NAMESPACE,
            CarbonPrivate::new).extensionName("carbon_private").build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public CarbonPrivate(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<CarbonPrivate> schema() {
        return SCHEMA;
    }
}
