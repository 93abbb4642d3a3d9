package org.xmppboot.plugins.xep0191;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.xml.XmlElement;

/**
 * What {@code <blocklist/>}, {@code <block/>} and {@code <unblock/>} have in common: a list of
 * {@code <item jid='...'/>} children (XEP-0191 §5).
 */
public abstract class BlockingItems extends ElementBase {

    protected BlockingItems(XmlElement xml) {
        super(xml);
    }

    /** The JIDs of the items, in order, without duplicates; an item whose jid is missing or invalid is skipped. */
    public Set<Jid> getItems() {
        Set<Jid> jids = new LinkedHashSet<>();
        for (XmlElement item : xml.elements("item", Blocking.NAMESPACE)) {
            Jid jid = Jid.ofOrNull(item.attribute("jid"));
            if (jid != null) {
                jids.add(jid);
            }
        }
        return jids;
    }

    /** Whether some item has a missing or invalid jid: a request or push to refuse with bad-request. */
    public boolean hasInvalidItem() {
        for (XmlElement item : xml.elements("item", Blocking.NAMESPACE)) {
            if (Jid.ofOrNull(item.attribute("jid")) == null) {
                return true;
            }
        }
        return false;
    }

    /** The JIDs of a value given to {@code set("items", ...)}: a collection of JIDs or of strings. */
    static Collection<Jid> jids(Object value) {
        if (!(value instanceof Collection<?> values)) {
            throw new IllegalArgumentException("items is set from a collection of JIDs, not "
                    + value.getClass().getName());
        }
        return values.stream().map(v -> v instanceof Jid jid ? jid : Jid.of(v.toString())).toList();
    }

    /** Replaces the items. */
    public BlockingItems setItems(Collection<Jid> jids) {
        xml.removeElements("item", Blocking.NAMESPACE);
        for (Jid jid : jids) {
            xml.addElement("item", Blocking.NAMESPACE).setAttribute("jid", jid.toString());
        }
        return this;
    }
}
