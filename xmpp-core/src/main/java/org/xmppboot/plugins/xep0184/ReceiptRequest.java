package org.xmppboot.plugins.xep0184;

import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <request xmlns='urn:xmpp:receipts'/>} (XEP-0184 §7): the sender of a content message asks for a receipt.
 * Reached on a message as {@code request_receipt}.
 */
public final class ReceiptRequest extends ElementBase {

    public static final Schema<ReceiptRequest> SCHEMA =
            Schema.builder("request", DeliveryReceipts.NAMESPACE, ReceiptRequest::new)
                    .extensionName("request_receipt").build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public ReceiptRequest(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<ReceiptRequest> schema() {
        return SCHEMA;
    }

    /** Whether a message asks for a receipt. */
    public static boolean isRequested(Message message) {
        return message.hasExtension(SCHEMA);
    }

    /** Adds the request to a message, or with {@code false} removes it. */
    public static void setRequested(Message message, boolean requested) {
        if (requested) {
            message.enableExtension(SCHEMA);
        } else {
            message.removeExtension(SCHEMA);
        }
    }
}
