package org.xmppboot.stanza;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/** A {@code <message/>} stanza (RFC 6121 §5). */
public class Message extends StanzaBase {

    /** RFC 6121 §5.2.2; an absent type means {@link #NORMAL}. */
    public enum Type {
        NORMAL, CHAT, GROUPCHAT, HEADLINE, ERROR;

        private final String value = name().toLowerCase(Locale.ROOT);

        public String value() {
            return value;
        }
    }

    public static final Schema<Message> SCHEMA = commonInterfaces(Schema.builder("message", null, Message::new))
            // RFC 6121 §5.2.2: no type means normal, so "message@type=normal" matches such messages.
            .custom("type",
                    m -> m.getType() != null ? m.getType() : Type.NORMAL.value(),
                    (m, v) -> m.xml().setAttribute("type", v == null ? null : v.toString()),
                    m -> m.xml().removeAttribute("type"))
            .childText("body").childText("subject").childText("thread")
            .custom("parent_thread",
                    m -> m.getParentThread(),
                    (m, v) -> m.setParentThread(v == null ? null : v.toString()),
                    m -> m.setParentThread(null))
            .build();

    static {
        SCHEMA.registerExtension(StanzaError.SCHEMA);
    }

    public Message(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Message> schema() {
        return SCHEMA;
    }

    /** The type; an unknown value reads as {@link Type#NORMAL} (RFC 6121 §5.2.2). */
    public Type getMessageType() {
        String type = getType();
        if (type != null) {
            for (Type t : Type.values()) {
                if (t.value().equals(type)) {
                    return t;
                }
            }
        }
        return Type.NORMAL;
    }

    public Message setType(Type type) {
        setType(type == Type.NORMAL ? null : type.value());
        return this;
    }

    public @Nullable String getBody() {
        return xml.childText("body", xml.namespace());
    }

    public Message setBody(@Nullable String body) {
        setChildText("body", xml.namespace(), body);
        return this;
    }

    public @Nullable String getSubject() {
        return xml.childText("subject", xml.namespace());
    }

    public Message setSubject(@Nullable String subject) {
        setChildText("subject", xml.namespace(), subject);
        return this;
    }

    public @Nullable String getThread() {
        return xml.childText("thread", xml.namespace());
    }

    public Message setThread(@Nullable String thread) {
        setChildText("thread", xml.namespace(), thread);
        return this;
    }

    public @Nullable String getParentThread() {
        XmlElement thread = xml.element("thread", xml.namespace());
        return thread == null ? null : thread.attribute("parent");
    }

    public Message setParentThread(@Nullable String parent) {
        XmlElement thread = xml.element("thread", xml.namespace());
        if (thread == null && parent != null) {
            thread = xml.addElement("thread");
        }
        if (thread != null) {
            thread.setAttribute("parent", parent);
        }
        return this;
    }

    /**
     * A reply to this message: addressed back, same type, and the same thread (RFC 6121 §5.2.5: a reply
     * SHOULD carry the thread of the message it answers).
     */
    @Override
    public Message reply() {
        return reply(null);
    }

    /** A reply carrying this body (written before the thread, as clients usually order them). */
    public Message reply(@Nullable String body) {
        Message reply = (Message) super.reply();
        reply.xml.setAttribute("type", xml.attribute("type"));
        if (body != null) {
            reply.setBody(body);
        }
        XmlElement thread = xml.element("thread", xml.namespace());
        if (thread != null) {
            reply.xml.addChild(thread.copy());
        }
        return reply;
    }

    @Override
    public Message error(StanzaError.Condition condition, @Nullable String text) {
        return (Message) super.error(condition, text);
    }

    @Override
    public Message copy() {
        return (Message) super.copy();
    }

    public void send() {
        requireSender().send(this);
    }

    // XEP-0184 Message Delivery Receipts

    public boolean isReceiptRequested() {
        return org.xmppboot.plugins.xep0184.ReceiptRequest.isRequested(this);
    }

    public Message setReceiptRequested(boolean requested) {
        org.xmppboot.plugins.xep0184.ReceiptRequest.setRequested(this, requested);
        return this;
    }

    public org.xmppboot.plugins.xep0184.@Nullable Receipt getReceipt() {
        return extension(org.xmppboot.plugins.xep0184.Receipt.SCHEMA);
    }

    /** Makes this message the receipt for message {@code id}; null removes the receipt. */
    public Message setReceipt(@Nullable String id) {
        org.xmppboot.plugins.xep0184.Receipt.set(this, id);
        return this;
    }

    // XEP-0085 Chat State Notifications

    /** The chat state this message carries, or null. */
    public org.xmppboot.plugins.xep0085.@Nullable ChatState getChatState() {
        return org.xmppboot.plugins.xep0085.ChatStateNotification.of(this);
    }

    /** Sets the chat state, replacing any other; null removes it. */
    public Message setChatState(org.xmppboot.plugins.xep0085.@Nullable ChatState state) {
        org.xmppboot.plugins.xep0085.ChatStateNotification.set(this, state);
        return this;
    }

    // XEP-0333 Chat Markers

    public boolean isMarkable() {
        return org.xmppboot.plugins.xep0333.Markable.isMarkable(this);
    }

    public Message setMarkable(boolean markable) {
        org.xmppboot.plugins.xep0333.Markable.setMarkable(this, markable);
        return this;
    }

    /** The chat marker this message carries (received, displayed or acknowledged), or null. */
    public org.xmppboot.plugins.xep0333.@Nullable ChatMarker getChatMarker() {
        return org.xmppboot.plugins.xep0333.ChatMarker.of(this);
    }

    // XEP-0004 Data Forms

    /** The data form this message carries, or null. */
    public org.xmppboot.plugins.xep0004.@Nullable DataForm getForm() {
        return extension(org.xmppboot.plugins.xep0004.DataForm.SCHEMA);
    }

    /** Replaces the message's data form with a copy of this one; null removes it. */
    public Message setForm(org.xmppboot.plugins.xep0004.@Nullable DataForm form) {
        removeExtension(org.xmppboot.plugins.xep0004.DataForm.SCHEMA);
        if (form != null) {
            xml.addChild(form.xml().copy());
        }
        return this;
    }
}
