package org.xmppboot.plugins.xep0359;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <stanza-id xmlns='urn:xmpp:sid:0' by='..' id='..'/>} (XEP-0359 §2.1): the id an entity that handled the
 * message (a server's or room's archive) gave it. Only worth anything if {@code by} is an entity the reader
 * trusts, since anyone on the way can add one (XEP-0359 §6): read it through
 * {@link org.xmppboot.stanza.Message#getStanzaId(Jid)}, which names who must have written it.
 */
public final class StanzaId extends ElementBase {

    public static final Schema<StanzaId> SCHEMA = Schema.builder("stanza-id", StanzaIds.NAMESPACE, StanzaId::new)
            .extensionName("stanza_id")
            .attribute("by").attribute("id")
            .build();

    public StanzaId(XmlElement xml) {
        super(xml);
    }

    public static StanzaId of(Jid by, String id) {
        StanzaId stanzaId = new StanzaId(new XmlElement("stanza-id", StanzaIds.NAMESPACE));
        stanzaId.xml.setAttribute("by", by.toString());
        stanzaId.xml.setAttribute("id", id);
        return stanzaId;
    }

    /**
     * The id that {@code by} gave the message, among the stanza's {@code <stanza-id/>} elements; null if that
     * entity gave none. Ids claimed by anyone else are ignored (XEP-0359 §6).
     */
    public static @Nullable String find(XmlElement stanza, Jid by) {
        for (XmlElement element : stanza.elements("stanza-id", StanzaIds.NAMESPACE)) {
            StanzaId candidate = new StanzaId(element);
            String id = candidate.getId();
            if (by.equals(candidate.getBy()) && id != null && !id.isEmpty()) {
                return id;
            }
        }
        return null;
    }

    @Override
    public Schema<StanzaId> schema() {
        return SCHEMA;
    }

    /** The entity that assigned the id, or null if absent or not a JID. */
    public @Nullable Jid getBy() {
        return Jid.ofOrNull(xml.attribute("by"));
    }

    public @Nullable String getId() {
        return xml.attribute("id");
    }
}
