package org.xmppboot.plugins.xep0359;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <origin-id xmlns='urn:xmpp:sid:0' id='..'/>} (XEP-0359 §2.2): the id the sender gave its message, kept
 * unchanged by everyone on the way (unlike the {@code id} attribute, which a room may rewrite), so a sender can
 * recognise its own message when a room or an archive sends it back.
 */
public final class OriginId extends ElementBase {

    public static final Schema<OriginId> SCHEMA = Schema.builder("origin-id", StanzaIds.NAMESPACE, OriginId::new)
            .extensionName("origin_id")
            .attribute("id")
            .build();

    public OriginId(XmlElement xml) {
        super(xml);
    }

    /** Gives a stanza this origin-id, replacing any; null removes it. */
    public static void set(ElementBase stanza, @Nullable String id) {
        if (id == null) {
            stanza.removeExtension(SCHEMA);
        } else {
            stanza.enableExtension(SCHEMA).setId(id);
        }
    }

    @Override
    public Schema<OriginId> schema() {
        return SCHEMA;
    }

    /** The id; null if absent or empty. */
    public @Nullable String getId() {
        String id = xml.attribute("id");
        return id == null || id.isEmpty() ? null : id;
    }

    public OriginId setId(String id) {
        xml.setAttribute("id", id);
        return this;
    }
}
