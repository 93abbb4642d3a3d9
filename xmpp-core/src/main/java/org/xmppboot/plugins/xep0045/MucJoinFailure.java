package org.xmppboot.plugins.xep0045;

import org.xmppboot.jid.Jid;

/**
 * The data of the {@code muc_join_failed} event: a join failed.
 *
 * @param room the room's bare JID
 * @param cause the room's error ({@link org.xmppboot.stanza.StanzaErrorException}) or a
 *     {@link java.util.concurrent.TimeoutException}
 * @param retrying whether the join is tried again after {@link MucConfig#rejoinRetryInterval()} (a passing
 *     failure of a room we were in, or joined at session start); else the room is given up
 */
public record MucJoinFailure(Jid room, Throwable cause, boolean retrying) {
}
