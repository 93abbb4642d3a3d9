package org.xmppboot.stanza;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0060.PubSubEvent;
import org.xmppboot.plugins.xep0066.Oob;
import org.xmppboot.plugins.xep0045.MucUser;
import org.xmppboot.plugins.xep0085.ChatState;
import org.xmppboot.plugins.xep0085.ChatStateNotification;
import org.xmppboot.plugins.xep0184.Receipt;
import org.xmppboot.plugins.xep0184.ReceiptRequest;
import org.xmppboot.plugins.xep0203.Delay;
import org.xmppboot.plugins.xep0280.Carbon;
import org.xmppboot.plugins.xep0280.CarbonPrivate;
import org.xmppboot.plugins.xep0308.Replace;
import org.xmppboot.plugins.xep0249.DirectInvite;
import org.xmppboot.plugins.xep0297.Forwarded;
import org.xmppboot.plugins.xep0313.MamResult;
import org.xmppboot.plugins.xep0333.ChatMarker;
import org.xmppboot.plugins.xep0333.Markable;
import org.xmppboot.plugins.xep0334.Hint;
import org.xmppboot.plugins.xep0359.OriginId;
import org.xmppboot.plugins.xep0444.Reactions;
import org.xmppboot.plugins.xep0461.Reply;
import org.xmppboot.plugins.xep0359.StanzaId;
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
        // The extensions with accessors below, so that the generic get("delay") and stanza paths reach them too.
        SCHEMA.registerExtension(StanzaError.SCHEMA).registerExtension(Delay.SCHEMA)
                .registerExtension(Forwarded.SCHEMA).registerExtension(StanzaId.SCHEMA)
                .registerExtension(OriginId.SCHEMA).registerExtension(PubSubEvent.SCHEMA)
                .registerExtension(Carbon.RECEIVED_SCHEMA).registerExtension(Carbon.SENT_SCHEMA)
                .registerExtension(CarbonPrivate.SCHEMA).registerExtension(MamResult.SCHEMA);
        for (Hint hint : Hint.values()) {
            SCHEMA.registerExtension(hint.schema());
        }
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
     * A reply to this message: addressed back (to the room, for a groupchat message), same type, and the same
     * thread (RFC 6121 §5.2.5: a reply SHOULD carry the thread of the message it answers).
     */
    @Override
    public Message reply() {
        return reply(null);
    }

    /** A reply carrying this body (written before the thread, as clients usually order them). */
    public Message reply(@Nullable String body) {
        Message reply = (Message) super.reply();
        reply.xml.setAttribute("type", xml.attribute("type"));
        Jid from = getFrom();
        if (getMessageType() == Type.GROUPCHAT && from != null) {
            // XEP-0045 §7.4: a groupchat message goes to the room, never to the occupant who wrote.
            reply.setTo(from.bare());
        }
        if (body != null) {
            reply.setBody(body);
        }
        XmlElement thread = xml.element("thread", xml.namespace());
        if (thread != null) {
            reply.xml.addChild(thread.copy());
        }
        return reply;
    }

    /**
     * Sends this from the address {@code received} was sent to, as {@link #reply} does: a component answers from
     * the JID under its domain that the peer wrote to, which is where the peer expects the answer from.
     */
    public Message fromRecipientOf(Message received) {
        String addressed = received.xml.attribute("to");
        if (addressed != null) {
            xml.setAttribute("from", addressed);
        }
        return this;
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
        return ReceiptRequest.isRequested(this);
    }

    public Message setReceiptRequested(boolean requested) {
        ReceiptRequest.setRequested(this, requested);
        return this;
    }

    public @Nullable Receipt getReceipt() {
        return extension(Receipt.SCHEMA);
    }

    /** Makes this message the receipt for message {@code id}; null removes the receipt. */
    public Message setReceipt(@Nullable String id) {
        Receipt.set(this, id);
        return this;
    }

    // XEP-0085 Chat State Notifications

    /** The chat state this message carries, or null. */
    public @Nullable ChatState getChatState() {
        return ChatStateNotification.of(this);
    }

    /** Sets the chat state, replacing any other; null removes it. */
    public Message setChatState(@Nullable ChatState state) {
        ChatStateNotification.set(this, state);
        return this;
    }

    // XEP-0333 Chat Markers

    public boolean isMarkable() {
        return Markable.isMarkable(this);
    }

    public Message setMarkable(boolean markable) {
        Markable.setMarkable(this, markable);
        return this;
    }

    /** The chat marker this message carries (received, displayed or acknowledged), or null. */
    public @Nullable ChatMarker getChatMarker() {
        return ChatMarker.of(this);
    }

    // XEP-0004 Data Forms

    /** The data form this message carries, or null. */
    public @Nullable DataForm getForm() {
        return extension(DataForm.SCHEMA);
    }

    /** Replaces the message's data form with a copy of this one; null removes it. */
    public Message setForm(@Nullable DataForm form) {
        removeExtension(DataForm.SCHEMA);
        if (form != null) {
            xml.addChild(form.xml().copy());
        }
        return this;
    }

    // XEP-0203 Delayed Delivery

    /** The delay stamp of a message held back (offline, room history), the earliest if several; else null. */
    public @Nullable Delay getDelay() {
        return Delay.earliestIn(xml);
    }

    /** Whether the message was held back before delivery rather than sent live (it has a readable delay). */
    public boolean isDelayed() {
        return getDelay() != null;
    }

    /**
     * Whether the message was first sent longer than {@code age} ago, by its delay stamp; false for a live
     * message. The one line that keeps a bot from acting on stale commands after being offline:
     * {@code if (message.isOlderThan(Duration.ofMinutes(5))) return;}, or as the condition of a Spring
     * {@code StanzaHandler} (whose SpEL sees the message as {@code #stanza}):
     * {@code condition = "!#stanza.isOlderThan(T(java.time.Duration).ofMinutes(5))"}.
     */
    public boolean isOlderThan(Duration age) {
        Delay delay = getDelay();
        return delay != null && delay.isOlderThan(age);
    }

    // XEP-0297 Stanza Forwarding

    /** The {@code <forwarded/>} this message carries directly, or null. */
    public @Nullable Forwarded getForwarded() {
        return extension(Forwarded.SCHEMA);
    }

    // XEP-0359 Unique and Stable Stanza IDs

    /**
     * The id that {@code by} (our account's bare JID, a room) gave this message, or null. Only the entity named
     * is believed: anyone on the way can add a stanza-id (XEP-0359 §6).
     */
    public @Nullable String getStanzaId(Jid by) {
        return StanzaId.find(xml, by);
    }

    /** The id the sender gave this message, kept by everyone on the way; null if none. */
    public @Nullable String getOriginId() {
        OriginId originId = extension(OriginId.SCHEMA);
        return originId == null ? null : originId.getId();
    }

    /** Sets the origin-id (null removes it). */
    public Message setOriginId(@Nullable String id) {
        OriginId.set(this, id);
        return this;
    }

    // XEP-0334 Message Processing Hints

    /** Adds a processing hint (once). */
    public Message addHint(Hint hint) {
        enableExtension(hint.schema());
        return this;
    }

    public boolean hasHint(Hint hint) {
        return hasExtension(hint.schema());
    }

    public Message removeHint(Hint hint) {
        removeExtension(hint.schema());
        return this;
    }

    /** The processing hints this message carries. */
    public Set<Hint> getHints() {
        return Hint.in(xml);
    }

    // XEP-0060 Publish-Subscribe

    /** The pubsub notification this message carries, or null. */
    public @Nullable PubSubEvent getPubSubEvent() {
        return extension(PubSubEvent.SCHEMA);
    }

    // XEP-0280 Message Carbons

    /** The carbon copy this message wraps ({@code <received/>} or {@code <sent/>}), or null. */
    public @Nullable Carbon getCarbon() {
        Carbon received = extension(Carbon.RECEIVED_SCHEMA);
        return received != null ? received : extension(Carbon.SENT_SCHEMA);
    }

    /** Whether the message asks not to be copied to our other clients ({@code <private/>}). */
    public boolean isCarbonPrivate() {
        return hasExtension(CarbonPrivate.SCHEMA);
    }

    // XEP-0313 Message Archive Management

    /** The archive result this message wraps (one message of an archive query's answer), or null. */
    public @Nullable MamResult getMamResult() {
        return extension(MamResult.SCHEMA);
    }

    // XEP-0308 Last Message Correction

    /** The id of the message this one corrects, or null if it is no correction. */
    public @Nullable String getReplaceId() {
        return Replace.idOf(this);
    }

    /** Makes this message the correction of message {@code id}; null makes it an ordinary message again. */
    public Message setReplaceId(@Nullable String id) {
        Replace.set(this, id);
        return this;
    }

    // XEP-0444 Message Reactions

    /** The reactions this message carries, or null. */
    public @Nullable Reactions getReactions() {
        return extension(Reactions.SCHEMA);
    }

    /** Makes this message carry these reactions to message {@code id}, replacing any it carried. */
    public Message setReactions(String id, Collection<String> emojis) {
        Reactions.set(this, id, emojis);
        return this;
    }

    // XEP-0461 Message Replies

    /** What this message answers, or null if it is no reply. */
    public @Nullable Reply getReply() {
        return extension(Reply.SCHEMA);
    }

    /** Makes this message a reply to message {@code id} written by {@code to}; a null id makes it no reply. */
    public Message setReply(@Nullable Jid to, @Nullable String id) {
        Reply.set(this, to, id);
        return this;
    }

    // XEP-0066 Out of Band Data

    /** The {@code jabber:x:oob} URL this message shares, or null. */
    public @Nullable Oob getOob() {
        return extension(Oob.SCHEMA);
    }

    /** Shares this URL (with an optional description); a null URL removes it. The body is left as it is. */
    public Message setOob(@Nullable String url, @Nullable String desc) {
        Oob.set(this, url, desc);
        return this;
    }

    // XEP-0045 Multi-User Chat

    /** What a room says of the occupant this message is from (role, affiliation, status codes), or null. */
    public @Nullable MucUser getMucUser() {
        return MucUser.of(this);
    }

    // XEP-0249 Direct MUC Invitations

    /** The direct invitation to a room this message carries, or null. */
    public @Nullable DirectInvite getDirectInvite() {
        return extension(DirectInvite.SCHEMA);
    }
}
