package org.xmppboot.plugins.xep0313;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * One message from an archive.
 *
 * @param id the archive's id of the message (its stanza-id by the archive), to page or resume from
 * @param message the message as archived, read like any received message
 * @param stamp when the archive stored it, or null if the archive did not say
 * @param archive the archive it came from: our bare JID, or a room's
 */
public record ArchivedMessage(String id, Message message, @Nullable Instant stamp, Jid archive) {
}
