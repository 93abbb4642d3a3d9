package org.xmppboot.plugins.xep0191;

import java.util.List;

import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * The {@code <unblock/>} of an unblock request and of the server's push after one; without items it means every
 * JID (XEP-0191 §5.4, §5.5).
 */
public final class Unblock extends BlockingItems {

    public static final Schema<Unblock> SCHEMA = Schema.builder("unblock", Blocking.NAMESPACE, Unblock::new)
            .custom("items", Unblock::getItems, (e, v) -> e.setItems(jids(v)),
                    e -> e.setItems(List.of()))
            .build();

    static {
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    public Unblock(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Unblock> schema() {
        return SCHEMA;
    }
}
