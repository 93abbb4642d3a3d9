package org.xmppboot.roster;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * The {@code <query xmlns='jabber:iq:roster'/>} payload of roster gets, results, sets and pushes (RFC 6121
 * §2.1), registered on {@link Iq} as the extension {@code roster}: {@code iq.get("roster")}, and the stanza path
 * {@code iq@type=set/roster}.
 */
public final class RosterQuery extends ElementBase {

    private static final Logger log = LoggerFactory.getLogger(RosterQuery.class);

    public static final Schema<RosterQuery> SCHEMA = Schema.builder("query", Roster.NAMESPACE, RosterQuery::new)
            .extensionName("roster")
            .attribute("ver")
            .build();

    static {
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    public RosterQuery(XmlElement xml) {
        super(xml);
    }

    /** A new, empty query. */
    public static RosterQuery create() {
        return new RosterQuery(new XmlElement("query", Roster.NAMESPACE));
    }

    /** The roster query of an iq, or null if its payload is something else (or, in a result, absent). */
    public static @Nullable RosterQuery of(Iq iq) {
        XmlElement payload = iq.getPayload();
        return payload != null && payload.is("query", Roster.NAMESPACE) ? new RosterQuery(payload) : null;
    }

    @Override
    public Schema<RosterQuery> schema() {
        return SCHEMA;
    }

    /** The roster version ({@code ver}, §2.1.1), or null when absent. Opaque: only ever compared by the server. */
    public @Nullable String getVersion() {
        return xml.attribute("ver");
    }

    public RosterQuery setVersion(@Nullable String version) {
        xml.setAttribute("ver", version);
        return this;
    }

    /** The {@code <item/>} elements, valid or not. */
    public List<XmlElement> itemElements() {
        return xml.elements("item", Roster.NAMESPACE);
    }

    /**
     * The items of a roster result. An item whose JID is missing or invalid is skipped (and logged): one bad
     * item must not cost the rest of the roster.
     */
    public List<RosterItem> getItems() {
        List<XmlElement> elements = itemElements();
        List<RosterItem> items = new ArrayList<>(elements.size());
        for (XmlElement element : elements) {
            try {
                items.add(RosterItem.fromXml(element));
            } catch (IllegalArgumentException e) {
                log.debug("Roster item skipped ({}): {}", e.getMessage(), element.toXml());
            }
        }
        return items;
    }

    /** Adds an item as a server writes it. */
    public RosterQuery addItem(RosterItem item) {
        xml.addChild(item.toXml());
        return this;
    }
}
