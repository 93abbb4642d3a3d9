package org.xmppboot.plugins.xep0444;

import java.util.Set;

import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * Reactions received: from now on, {@code from}'s reactions to message {@code targetId} are {@code emojis},
 * whatever they were before (XEP-0444 §4.2); an empty set means the sender took its reactions back.
 *
 * @param from the full JID the reactions came from (in a room, the occupant)
 * @param targetId the id of the message reacted to (in a room, the room's stanza-id of it)
 * @param emojis the sender's reactions, each once, in the order sent, invalid ones left out
 * @param message the message that carried them
 */
public record ReactionsReceived(Jid from, String targetId, Set<String> emojis, Message message) {
}
