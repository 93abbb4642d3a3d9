/**
 * XEP-0184 Message Delivery Receipts: a bot answers "did you get this?" requests from the people it talks to,
 * and can learn when a message it sent reached the other side's client, either as {@code receipt_received}
 * events or as a future per message ({@link org.xmppboot.plugins.xep0184.DeliveryReceipts#sendWithReceipt}).
 */
@NullMarked
package org.xmppboot.plugins.xep0184;

import org.jspecify.annotations.NullMarked;
