package org.xmppboot.plugins.xep0461;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * A reply received.
 *
 * @param from the full JID the reply came from
 * @param targetId the id of the message answered (in a room, the room's stanza-id of it)
 * @param targetAuthor who wrote the message answered, as the reply says; null if it does not say
 * @param text the reply's own text: the body without the quote of the fallback; null without a body
 * @param message the reply itself
 */
public record ReplyReceived(Jid from, String targetId, @Nullable Jid targetAuthor, @Nullable String text,
        Message message) {
}
