package org.xmppboot.plugins.xep0444;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * The id by which a message is named by messages about it (reactions, XEP-0444 §5.2; replies, XEP-0461 §3.1):
 * in a room the id the room itself gave it (its {@code <stanza-id/>} stamped by the room's bare JID, XEP-0359),
 * never the {@code id} attribute, which the room may have rewritten; elsewhere its {@code <origin-id/>} if it
 * has one, else its {@code id}.
 */
public final class ReferenceIds {

    private ReferenceIds() {
    }

    /** The id to refer to this message by, or null when it has none (a room message without a stanza-id). */
    public static @Nullable String of(Message message) {
        if (message.getMessageType() == Message.Type.GROUPCHAT) {
            Jid room = Jid.ofOrNull(message.xml().attribute("from"));
            return room == null ? null : message.getStanzaId(room.bare());
        }
        String originId = message.getOriginId();
        if (originId != null) {
            return originId;
        }
        String id = message.getId();
        return id == null || id.isEmpty() ? null : id;
    }

    /** Like {@link #of}, for a message that must be referable. */
    public static String require(Message message) {
        String id = of(message);
        if (id == null) {
            throw new IllegalArgumentException(message.getMessageType() == Message.Type.GROUPCHAT
                    ? "A room message without the room's stanza-id cannot be referred to"
                    : "A message without an id cannot be referred to");
        }
        return id;
    }

    /** Where messages about this message go: the room for a room message, else its sender. */
    public static Jid replyAddress(Message message) {
        Jid from = Jid.ofOrNull(message.xml().attribute("from"));
        if (from == null) {
            throw new IllegalArgumentException("The message has no sender to answer");
        }
        return message.getMessageType() == Message.Type.GROUPCHAT ? from.bare() : from;
    }
}
