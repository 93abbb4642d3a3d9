package org.xmppboot.plugins.xep0184;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <received xmlns='urn:xmpp:receipts' id='...'/>} (XEP-0184 §7): the receipt for the content message whose
 * id it echoes. Reached on a message as {@code receipt}.
 */
public final class Receipt extends ElementBase {

    public static final Schema<Receipt> SCHEMA = Schema.builder("received", DeliveryReceipts.NAMESPACE, Receipt::new)
            .extensionName("receipt").attribute("id").build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public Receipt(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Receipt> schema() {
        return SCHEMA;
    }

    /** The id of the message this receipt is for; null (a malformed receipt) if missing or empty. */
    public @Nullable String getId() {
        String id = xml.attribute("id");
        return id == null || id.isEmpty() ? null : id;
    }

    public Receipt setId(String id) {
        xml.setAttribute("id", id);
        return this;
    }

    /** The id a message's receipt is for, or null when the message carries no (well-formed) receipt. */
    public static @Nullable String idOf(Message message) {
        Receipt receipt = message.extension(SCHEMA);
        return receipt == null ? null : receipt.getId();
    }

    /** Makes a message the receipt for {@code id}, or with null removes the receipt. */
    public static void set(Message message, @Nullable String id) {
        if (id == null) {
            message.removeExtension(SCHEMA);
        } else {
            message.enableExtension(SCHEMA).setId(id);
        }
    }
}
