package org.xmppboot.plugins.xep0045;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * The data of the {@code groupchat_invite} event: a room passed on someone's invitation to us (XEP-0045 §7.8.2).
 * Join with {@link MultiUserChat#join} (and the password), or turn it down with {@link MultiUserChat#decline}.
 *
 * @param room the room's bare JID
 * @param inviter who invites, as the room names them (bare, full or occupant JID); null if the room did not say
 * @param reason the inviter's words, or null
 * @param password the room's password, which the room adds for a protected room, or null
 * @param continuedThread the thread of a one-to-one chat the room continues (§7.9), or null
 * @param message the invitation as received
 */
public record MucInvitation(Jid room, @Nullable Jid inviter, @Nullable String reason, @Nullable String password,
        @Nullable String continuedThread, Message message) {
}
