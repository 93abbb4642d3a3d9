package org.xmppboot.plugins.xep0308;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.BoundedCache;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0359.OriginId;
import org.xmppboot.plugins.xep0359.StanzaId;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0308 Last Message Correction: announces {@code urn:xmpp:message-correct:0}, sends corrections of our own
 * messages ({@link #correctLast}, {@link #correction}) and raises an event for each correction received.
 *
 * <p>A correction is believed only when the message it corrects came from the same sender (XEP-0308 §5: the same
 * bare JID in a direct conversation, the same occupant full JID in a room) and is still remembered (the last
 * {@link CorrectionConfig#remembered()} messages received); any other correction is ignored, without an event,
 * and stays an ordinary message for the other handlers.
 *
 * <p>Events raised:
 * <ul>
 *   <li>{@code message_correction} ({@link Correction}): a message correcting an earlier message of the same
 *       sender arrived.</li>
 * </ul>
 */
public class MessageCorrection extends BasePlugin {

    public static final String NAME = "xep_0308";
    public static final String NAMESPACE = "urn:xmpp:message-correct:0";
    public static final String EVENT_MESSAGE_CORRECTION = "message_correction";

    private static final Logger log = LoggerFactory.getLogger(MessageCorrection.class);
    /** After the other filters, so what is remembered is the message as it leaves. */
    private static final int FILTER_ORDER = 1_100;

    private volatile CorrectionConfig config;
    /** "sender id" of the messages received, to check that a correction comes from the original's sender. */
    private volatile BoundedCache<String, Boolean> received;
    /** Our last message to each recipient (as addressed), a copy taken as it was sent. */
    private volatile BoundedCache<String, Message> lastSent;

    public MessageCorrection() {
        this(CorrectionConfig.DEFAULT);
    }

    public MessageCorrection(CorrectionConfig config) {
        super(NAME, ServiceDiscovery.NAME);
        this.config = Objects.requireNonNull(config, "config");
        this.received = new BoundedCache<>(config.remembered());
        this.lastSent = new BoundedCache<>(config.remembered());
    }

    /** Replaces the settings; takes effect when the plugin starts, so call it before connecting. */
    public MessageCorrection configure(CorrectionConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        return this;
    }

    public CorrectionConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        Objects.requireNonNull(Replace.SCHEMA); // registers message.get("replace")
        received = new BoundedCache<>(config.remembered());
        lastSent = new BoundedCache<>(config.remembered());
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME, Matcher.stanzaPath("message"), this::onMessage));
        context.addFilter(Direction.OUT, this::rememberSent, FILTER_ORDER);
    }

    /**
     * Sends a correction of our last message to {@code to} (addressed exactly so, full or bare JID), with this
     * body, and returns it.
     *
     * @throws IllegalStateException if no message with a body and an id to {@code to} is remembered
     */
    public Message correctLast(Jid to, String body) {
        Message last = lastSent.get(to.toString());
        if (last == null) {
            throw new IllegalStateException("No message to " + to + " is remembered to correct");
        }
        Message correction = correction(last, body);
        context().send(correction);
        return correction;
    }

    /** The id of our last message to {@code to} that can be corrected, or null. */
    public @Nullable String lastSentId(Jid to) {
        Message last = lastSent.get(to.toString());
        return last == null ? null : last.getId();
    }

    /**
     * The correction of a message we sent, not yet sent: the whole stanza again with a new id, this body and a
     * {@code <replace/>} naming the original (XEP-0308 §5: the sender re-sends the entire stanza, and every
     * correction names the first message, never an earlier correction). Its own origin-id and stanza-ids are
     * dropped: they would name the original.
     *
     * @throws IllegalArgumentException if the original has no id
     */
    public Message correction(Message original, String body) {
        String originalId = Replace.idOf(original);
        if (originalId == null) {
            originalId = original.getId();
        }
        if (originalId == null || originalId.isEmpty()) {
            throw new IllegalArgumentException("A message without an id cannot be corrected");
        }
        Message correction = original.copy();
        correction.setId(context().newId());
        correction.setBody(body);
        correction.removeExtension(OriginId.SCHEMA);
        correction.xml().removeElements("stanza-id", StanzaId.SCHEMA.namespace());
        Replace.set(correction, originalId);
        return correction;
    }

    private void onMessage(StanzaBase stanza) {
        Message message = (Message) stanza;
        Jid sender = Senders.of(message);
        if (sender == null || message.getMessageType() == Message.Type.ERROR) {
            return;
        }
        if (!message.hasExtension(Replace.SCHEMA)) {
            String id = message.getId();
            if (id != null && !id.isEmpty()) {
                received.put(key(sender, id), Boolean.TRUE);
            }
            return;
        }
        String originalId = Replace.idOf(message);
        if (originalId == null || received.get(key(sender, originalId)) == null) {
            log.debug("[{}] a correction of a message not known from {}, ignored: {}", context().connectionName(),
                    sender, message);
            return;
        }
        context().event(EVENT_MESSAGE_CORRECTION,
                new Correction(originalId, Objects.requireNonNull(message.getFrom()), message));
    }

    private StanzaBase rememberSent(StanzaBase stanza) {
        if (stanza instanceof Message message && message.getMessageType() != Message.Type.ERROR
                && message.getBody() != null && !message.hasExtension(Replace.SCHEMA)) {
            String id = message.getId();
            Jid to = Jid.ofOrNull(message.xml().attribute("to"));
            if (id != null && !id.isEmpty() && to != null) {
                lastSent.put(to.toString(), message.copy());
            }
        }
        return stanza;
    }

    private static String key(Jid sender, String id) {
        return sender + " " + id;
    }
}
