package org.xmppboot.plugins.xep0045;

import org.xmppboot.jid.Jid;

/**
 * The data of the {@code muc_join_failed} event: a join that nobody awaits (a rejoin after a new session, a room
 * joined at startup) failed.
 *
 * @param room the room's bare JID
 * @param cause the room's error ({@link org.xmppboot.stanza.StanzaErrorException}) or a
 *     {@link java.util.concurrent.TimeoutException}
 */
public record MucJoinFailure(Jid room, Throwable cause) {
}
