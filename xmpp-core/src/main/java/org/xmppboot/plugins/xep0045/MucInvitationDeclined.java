package org.xmppboot.plugins.xep0045;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * The data of the {@code groupchat_decline} event: someone we invited through a room turned the invitation down
 * (XEP-0045 §7.8.2).
 *
 * @param room the room's bare JID
 * @param invitee who declined, as the room names them; null if the room did not say
 * @param reason their words, or null
 * @param message the decline as received
 */
public record MucInvitationDeclined(Jid room, @Nullable Jid invitee, @Nullable String reason, Message message) {
}
