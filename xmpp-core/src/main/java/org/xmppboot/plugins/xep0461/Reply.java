package org.xmppboot.plugins.xep0461;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <reply xmlns='urn:xmpp:reply:0' to='..' id='..'/>} (XEP-0461 §2): the message carrying it answers the
 * message {@code id} written by {@code to}. Reached on a message as {@code reply}.
 */
public final class Reply extends ElementBase {

    public static final Schema<Reply> SCHEMA = Schema.builder("reply", Replies.NAMESPACE, Reply::new)
            .attribute("to").attribute("id").build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public Reply(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Reply> schema() {
        return SCHEMA;
    }

    /** The author of the message answered (a full JID, or a bare one in a 1:1 chat); null if absent or invalid. */
    public @Nullable Jid getTo() {
        return Jid.ofOrNull(xml.attribute("to"));
    }

    /** The id of the message answered; null (malformed) if missing or empty. */
    public @Nullable String getId() {
        String id = xml.attribute("id");
        return id == null || id.isEmpty() ? null : id;
    }

    /** Makes a message a reply to message {@code id} of {@code to}; a null id makes it no reply. */
    public static void set(Message message, @Nullable Jid to, @Nullable String id) {
        message.removeExtension(SCHEMA);
        if (id != null) {
            XmlElement reply = message.enableExtension(SCHEMA).xml();
            reply.setAttribute("to", to == null ? null : to.toString());
            reply.setAttribute("id", id);
        }
    }
}
