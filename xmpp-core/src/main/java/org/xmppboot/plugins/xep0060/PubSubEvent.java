package org.xmppboot.plugins.xep0060;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <event xmlns='http://jabber.org/protocol/pubsub#event'/>} (XEP-0060 §7.1.2, §7.2.2, §8.4.2, §8.5.2,
 * §8.2.5): what a service tells subscribers about a node. Reached on a message as {@code pubsub_event}.
 */
public final class PubSubEvent extends ElementBase {

    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub#event";

    public static final Schema<PubSubEvent> SCHEMA = Schema.builder("event", NAMESPACE, PubSubEvent::new)
            .extensionName("pubsub_event").build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public PubSubEvent(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<PubSubEvent> schema() {
        return SCHEMA;
    }

    /** The node the event is about, whatever its kind; null for a malformed event. */
    public @Nullable String getNode() {
        for (XmlElement child : xml.elements()) {
            String node = child.attribute("node");
            if (node != null) {
                return node;
            }
        }
        return null;
    }

    /** The items published (§7.1.2), in order; empty for other events. */
    public List<PubSubItem> getItems() {
        return PubSubItem.itemsOf(xml.element("items", NAMESPACE));
    }

    /** The ids of the items retracted (§7.2.2); empty for other events. */
    public List<String> getRetractedIds() {
        List<String> ids = new ArrayList<>();
        XmlElement items = xml.element("items", NAMESPACE);
        if (items != null) {
            for (XmlElement retract : items.elements("retract", NAMESPACE)) {
                String id = retract.attribute("id");
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** Whether the node's items were all removed (§8.5.2). */
    public boolean isPurge() {
        return xml.element("purge", NAMESPACE) != null;
    }

    /** Whether the node was deleted (§8.4.2). */
    public boolean isDelete() {
        return xml.element("delete", NAMESPACE) != null;
    }

    /** Whether the node's configuration changed (§8.2.5). */
    public boolean isConfiguration() {
        return xml.element("configuration", NAMESPACE) != null;
    }

    /** An event publishing one item: what a service sends, for tests and for services written with this library. */
    public static PubSubEvent published(String node, PubSubItem item) {
        PubSubEvent event = SCHEMA.create(NAMESPACE);
        event.xml.addElement("items", NAMESPACE).setAttribute("node", node).addChild(item.toXml(NAMESPACE));
        return event;
    }
}
