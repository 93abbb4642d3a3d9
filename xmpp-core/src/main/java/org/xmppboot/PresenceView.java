package org.xmppboot;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Presence;

/**
 * The last available presence of every resource of every contact we have heard from. Thread-safe; updated
 * on the event thread.
 */
public final class PresenceView {

    /** Bare JID, then resource ("" for a bare-JID presence). */
    private final Map<Jid, Map<String, Presence>> presences = new ConcurrentHashMap<>();

    /** The resources of this contact that are online, with their last presence. */
    public Map<String, Presence> resources(Jid jid) {
        Map<String, Presence> resources = presences.get(jid.bare());
        return resources == null ? Map.of() : Map.copyOf(resources);
    }

    public boolean isOnline(Jid jid) {
        Map<String, Presence> resources = presences.get(jid.bare());
        if (resources == null) {
            return false;
        }
        return jid.isBare() ? !resources.isEmpty() : resources.containsKey(jid.resource());
    }

    /** The presence of the contact's highest-priority resource (RFC 6121 §4.7.2.3). */
    public Optional<Presence> best(Jid jid) {
        return resources(jid).values().stream().max(Comparator.comparingInt(Presence::getPriority));
    }

    /** Records an available presence; returns the previous one of that resource, or null. */
    Presence available(Jid from, Presence presence) {
        return presences.computeIfAbsent(from.bare(), k -> new ConcurrentHashMap<>())
                .put(resourceOf(from), presence.copy());
    }

    /** Records an unavailable presence; returns the previous one of that resource, or null. */
    Presence unavailable(Jid from) {
        Map<String, Presence> resources = presences.get(from.bare());
        if (resources == null) {
            return null;
        }
        Presence previous = from.isBare() ? null : resources.remove(resourceOf(from));
        if (from.isBare()) {
            // A bare-JID unavailable ends every resource (RFC 6121 §4.5.2 servers send it per resource, some bare).
            resources.clear();
        }
        if (resources.isEmpty()) {
            presences.remove(from.bare(), resources);
        }
        return previous;
    }

    int onlineResourceCount(Jid jid) {
        Map<String, Presence> resources = presences.get(jid.bare());
        return resources == null ? 0 : resources.size();
    }

    /** Forgets everything (the connection was lost: presence will be sent again). */
    public void clear() {
        presences.clear();
    }

    private static String resourceOf(Jid jid) {
        return jid.resource() == null ? "" : jid.resource();
    }
}
