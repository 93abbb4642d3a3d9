package org.xmppboot.plugins.xep0060;

import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/** The data of a {@code pubsub_retract} event: one item removed from a node. */
public record Retracted(Jid service, String node, String itemId, Message message) {
}
