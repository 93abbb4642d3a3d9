package org.xmppboot.plugins.xep0060;

import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * The data of a {@code pubsub_publish} event: one item published on a node.
 *
 * @param service who sent the notification: the pubsub service, or for PEP (XEP-0163) the contact's bare JID
 */
public record Published(Jid service, String node, PubSubItem item, Message message) {
}
