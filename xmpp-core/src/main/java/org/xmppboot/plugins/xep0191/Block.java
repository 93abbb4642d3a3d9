package org.xmppboot.plugins.xep0191;

import java.util.List;

import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/** The {@code <block/>} of a block request and of the server's push after one (XEP-0191 §5.3). */
public final class Block extends BlockingItems {

    public static final Schema<Block> SCHEMA = Schema.builder("block", Blocking.NAMESPACE, Block::new)
            .custom("items", Block::getItems, (e, v) -> e.setItems(jids(v)),
                    e -> e.setItems(List.of()))
            .build();

    static {
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    public Block(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Block> schema() {
        return SCHEMA;
    }
}
