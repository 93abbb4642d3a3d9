package org.xmppboot.plugins.xep0060;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/**
 * One item of a node (XEP-0060 §7.1.1): its id and its payload, the single child element a node's items carry
 * (null for a notification-only node, or a notification without payloads).
 */
public record PubSubItem(@Nullable String id, @Nullable XmlElement payload) {

    /** An {@code <item/>} element in the given namespace. */
    XmlElement toXml(String namespace) {
        XmlElement item = new XmlElement("item", namespace);
        item.setAttribute("id", id);
        if (payload != null) {
            item.addChild(payload.copy());
        }
        return item;
    }

    /** The {@code <item/>} children of an {@code <items/>} element, in order. */
    static List<PubSubItem> itemsOf(@Nullable XmlElement items) {
        List<PubSubItem> found = new ArrayList<>();
        if (items != null) {
            for (XmlElement item : items.elements("item", items.namespace())) {
                List<XmlElement> children = item.elements();
                found.add(new PubSubItem(item.attribute("id"), children.isEmpty() ? null : children.get(0)));
            }
        }
        return found;
    }
}
