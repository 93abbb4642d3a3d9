package org.xmppboot.roster;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.xml.XmlElement;

/**
 * One contact in the roster (RFC 6121 §2.1.2): immutable, so it can be handed to any thread and raised in events
 * as it is.
 *
 * @param jid the contact (usually a bare JID)
 * @param name the user's name for the contact, or null (an empty name reads as none)
 * @param groups the groups the contact is filed under, in document order; never an empty name
 * @param subscription who sees whose presence
 * @param pendingOut {@code ask='subscribe'}: the user asked to see the contact's presence and has no answer yet
 *     (the "Pending Out" sub-state, §2.1.2.2). Set by the server only; never sent in a roster set.
 * @param approved {@code approved='true'}: the user pre-approved the contact's subscription (§3.4). Set by the
 *     server only.
 */
public record RosterItem(Jid jid, @Nullable String name, Set<String> groups, Subscription subscription,
        boolean pendingOut, boolean approved) {

    public RosterItem {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(subscription, "subscription");
        if (name != null && name.isEmpty()) {
            name = null;
        }
        LinkedHashSet<String> copy = new LinkedHashSet<>();
        for (String group : groups) {
            // §2.3.3: a <group/> with empty character data is refused by the server.
            if (group == null || group.isEmpty()) {
                throw new IllegalArgumentException("A roster group name cannot be empty");
            }
            copy.add(group);
        }
        groups = Collections.unmodifiableSet(copy);
    }

    /** A new item for a roster set: no name, no groups, no subscription yet. */
    public static RosterItem of(Jid jid) {
        return new RosterItem(jid, null, Set.of(), Subscription.NONE, false, false);
    }

    /** {@link #of(Jid)} with a name and groups. */
    public static RosterItem of(Jid jid, @Nullable String name, String... groups) {
        return of(jid).withName(name).withGroups(groups);
    }

    public RosterItem withName(@Nullable String newName) {
        return new RosterItem(jid, newName, groups, subscription, pendingOut, approved);
    }

    public RosterItem withGroups(String... newGroups) {
        return withGroups(Arrays.asList(newGroups));
    }

    public RosterItem withGroups(Collection<String> newGroups) {
        return new RosterItem(jid, name, new LinkedHashSet<>(newGroups), subscription, pendingOut, approved);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    /**
     * Reads an {@code <item/>} of a roster result or push.
     *
     * @throws IllegalArgumentException when the {@code jid} attribute is missing or not a valid JID
     */
    public static RosterItem fromXml(XmlElement item) {
        String jid = item.attribute("jid");
        if (jid == null) {
            throw new IllegalArgumentException("A roster item without a jid");
        }
        LinkedHashSet<String> groups = new LinkedHashSet<>();
        for (XmlElement group : item.elements("group", item.namespace())) {
            String text = group.text();
            if (!text.isEmpty()) {
                groups.add(text);
            }
        }
        String approved = item.attribute("approved");
        return new RosterItem(Jid.of(jid), item.attribute("name"), groups,
                Subscription.parse(item.attribute("subscription")),
                "subscribe".equals(item.attribute("ask")),
                "true".equals(approved) || "1".equals(approved));
    }

    /** The item as a server writes it in a result or push (and as a store may keep it). */
    public XmlElement toXml() {
        XmlElement item = toSetXml();
        if (subscription != Subscription.NONE) {
            item.setAttribute("subscription", subscription.value());
        }
        if (pendingOut) {
            item.setAttribute("ask", "subscribe");
        }
        if (approved) {
            item.setAttribute("approved", "true");
        }
        return item;
    }

    /**
     * The item as a client writes it in a roster set (§2.3.1, §2.4.1): jid, name and groups only. The client
     * MUST NOT send {@code ask} (§2.1.2.2), and sends {@code subscription} only as {@code remove}
     * (§2.1.2.5), which {@link Roster#remove} does.
     */
    public XmlElement toSetXml() {
        XmlElement item = new XmlElement("item", Roster.NAMESPACE).setAttribute("jid", jid.toString());
        if (name != null) {
            item.setAttribute("name", name);
        }
        for (String group : groups) {
            item.addElement("group", Roster.NAMESPACE).setText(group);
        }
        return item;
    }
}
