package org.xmppboot.plugins.xep0308;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * Who sent a message, as the "same sender" rules of XEP-0308 §5 and XEP-0444 §5.1 compare senders: in a direct
 * conversation the bare JID (any of the contact's clients), in a room or a private message through a room the
 * occupant's full JID (the bare JID is the room, shared by everyone in it).
 */
public final class Senders {

    /** The namespace that marks a message as coming through a room (XEP-0045 §7.5). */
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";

    private Senders() {
    }

    /** The sender to compare, or null when the message has no readable {@code from}. */
    public static @Nullable Jid of(Message message) {
        Jid from = Jid.ofOrNull(message.xml().attribute("from"));
        if (from == null) {
            return null;
        }
        boolean throughRoom = message.getMessageType() == Message.Type.GROUPCHAT
                || message.xml().element("x", MUC_USER) != null;
        return throughRoom ? from : from.bare();
    }
}
