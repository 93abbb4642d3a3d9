package org.xmppboot.plugins.xep0045;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Presence;

/**
 * Someone in a room, as its last presence described it.
 *
 * @param room the room's bare JID
 * @param nick the occupant's nick
 * @param jid the occupant's real full JID when the room shows it to us (non-anonymous rooms, or we moderate);
 *     else null
 * @param role its role (null if the room did not say)
 * @param affiliation its affiliation (null if the room did not say)
 * @param presence the presence it came with
 */
public record Occupant(Jid room, String nick, @Nullable Jid jid, @Nullable Role role,
        @Nullable Affiliation affiliation, Presence presence) {

    /** The occupant's address in the room: {@code room@service/nick}. */
    public Jid occupantJid() {
        return room.withResource(nick);
    }

    /** Reads an occupant from a room's presence; null if the presence has no nick (from the room itself). */
    static @Nullable Occupant of(Presence presence) {
        Jid from = presence.getFrom();
        if (from == null || from.resource() == null) {
            return null;
        }
        MucUser user = MucUser.of(presence);
        MucItem item = user == null ? null : user.getItem();
        return new Occupant(from.bare(), from.resource(), item == null ? null : item.getJid(),
                item == null ? null : item.getRole(), item == null ? null : item.getAffiliation(), presence);
    }
}
