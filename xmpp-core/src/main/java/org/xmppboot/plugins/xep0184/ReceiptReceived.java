package org.xmppboot.plugins.xep0184;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * The data of the {@code receipt_received} event.
 *
 * @param id the id of our message that was received
 * @param from who sent the receipt (null when the message had no valid {@code from})
 * @param message the ack message itself
 */
public record ReceiptReceived(String id, @Nullable Jid from, Message message) {
}
