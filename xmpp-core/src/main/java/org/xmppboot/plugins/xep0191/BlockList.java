package org.xmppboot.plugins.xep0191;

import java.util.List;

import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/** The {@code <blocklist/>} of a block list request and its result (XEP-0191 §5.2). */
public final class BlockList extends BlockingItems {

    public static final Schema<BlockList> SCHEMA = Schema.builder("blocklist", Blocking.NAMESPACE, BlockList::new)
            .custom("items", BlockList::getItems, (e, v) -> e.setItems(jids(v)),
                    e -> e.setItems(List.of()))
            .build();

    static {
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    public BlockList(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<BlockList> schema() {
        return SCHEMA;
    }
}
