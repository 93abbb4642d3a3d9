package org.xmppboot.plugins.xep0444;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.BoundedCache;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0203.Delay;
import org.xmppboot.plugins.xep0308.Senders;
import org.xmppboot.plugins.xep0334.Hint;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0444 Message Reactions: announces {@code urn:xmpp:reactions:0}, sends our reactions to a message
 * ({@link #react}) and raises an event for the reactions received.
 *
 * <p>Each reactions message carries all of its sender's reactions to a message, so each replaces the sender's
 * previous set (XEP-0444 §4.2); the event carries that whole set. Reactions are read as §5 says: duplicates once,
 * texts that are not a single emoji ({@link Emojis}) left out, a message with more than one {@code <reactions/>}
 * or without a target id ignored, and a delayed reactions message (XEP-0203) ignored when newer reactions of the
 * same sender to the same message were already accepted.
 *
 * <p>Events raised:
 * <ul>
 *   <li>{@code reactions} ({@link ReactionsReceived}): a sender's reactions to a message, replacing its earlier
 *       ones; an empty set when it took them back.</li>
 * </ul>
 */
public class MessageReactions extends BasePlugin {

    public static final String NAME = "xep_0444";
    public static final String NAMESPACE = "urn:xmpp:reactions:0";
    public static final String EVENT_REACTIONS = "reactions";

    private static final Logger log = LoggerFactory.getLogger(MessageReactions.class);

    private volatile ReactionsConfig config;
    /** "sender target" to the time of the newest reactions accepted from that sender to that message. */
    private volatile BoundedCache<String, Instant> latest;

    public MessageReactions() {
        this(ReactionsConfig.DEFAULT);
    }

    public MessageReactions(ReactionsConfig config) {
        super(NAME, ServiceDiscovery.NAME);
        this.config = Objects.requireNonNull(config, "config");
        this.latest = new BoundedCache<>(config.remembered());
    }

    /** Replaces the settings; takes effect when the plugin starts, so call it before connecting. */
    public MessageReactions configure(ReactionsConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        return this;
    }

    public ReactionsConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        Objects.requireNonNull(Reactions.SCHEMA); // registers message.get("reactions")
        latest = new BoundedCache<>(config.remembered());
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME, Matcher.stanzaPath("message/reactions"), this::onReactions));
    }

    /**
     * Sends our reactions to a message received, replacing those we sent it before; an empty collection takes
     * them back. The message is named as §5.2 says ({@link ReferenceIds}), and the reactions go to the room for a
     * room message, else to its sender, as a chat message with a {@code <store/>} hint unless the message asked
     * not to be stored (§5). Returns the message sent.
     *
     * @throws IllegalArgumentException if a reaction is not a single emoji, or the message cannot be referred to
     *     (a room message without the room's stanza-id, a message without id or sender)
     */
    public Message react(Message target, Collection<String> emojis) {
        Message.Type type = target.getMessageType() == Message.Type.GROUPCHAT
                ? Message.Type.GROUPCHAT : Message.Type.CHAT;
        Message reactions = reactionsMessage(ReferenceIds.replyAddress(target), targetId(target), type, emojis);
        if (target.hasHint(Hint.NO_STORE)) {
            reactions.removeHint(Hint.STORE);
        }
        context().send(reactions);
        return reactions;
    }

    /**
     * §5: reactions to a corrected message (XEP-0308) name the original message. Outside rooms only: there the
     * id to name is the room's stanza-id of the original, which the correction does not carry.
     */
    private static String targetId(Message target) {
        String corrected = target.getReplaceId();
        return corrected != null && target.getMessageType() != Message.Type.GROUPCHAT
                ? corrected : ReferenceIds.require(target);
    }

    /** Takes back all our reactions to a message ({@link #react} with none). */
    public Message removeReactions(Message target) {
        return react(target, List.of());
    }

    /**
     * Our reactions to message {@code targetId} (already the id §5.2 asks for), as a message to {@code to}, not
     * yet sent, with a {@code <store/>} hint.
     *
     * @throws IllegalArgumentException if a reaction is not a single emoji
     */
    public Message reactionsMessage(Jid to, String targetId, Message.Type type, Collection<String> emojis) {
        for (String emoji : emojis) {
            if (!Emojis.isEmoji(emoji)) {
                throw new IllegalArgumentException("Not a single emoji: '" + emoji + "'");
            }
        }
        Message message = context().makeMessage(to, null, type);
        message.setId(context().newId());
        Reactions.set(message, targetId, emojis);
        message.addHint(Hint.STORE);
        return message;
    }

    private void onReactions(StanzaBase stanza) {
        Message message = (Message) stanza;
        Jid sender = Senders.of(message);
        Reactions reactions = message.extension(Reactions.SCHEMA);
        String targetId = reactions == null ? null : reactions.getId();
        if (sender == null || reactions == null || targetId == null
                || message.getMessageType() == Message.Type.ERROR
                || message.xml().elements("reactions", NAMESPACE).size() > 1) {
            log.debug("[{}] malformed reactions, ignored: {}", context().connectionName(), message);
            return;
        }
        if (!isNewest(sender + " " + targetId, message)) {
            log.debug("[{}] late reactions, older than those accepted, ignored: {}", context().connectionName(),
                    message);
            return;
        }
        context().event(EVENT_REACTIONS, new ReactionsReceived(Objects.requireNonNull(message.getFrom()), targetId,
                reactions.getEmojis(), message));
    }

    /** §5.1: a delayed reactions message counts only if nothing newer from the same sender was accepted. */
    private boolean isNewest(String key, Message message) {
        Delay delay = message.getDelay();
        Instant stamp = delay == null ? null : delay.getStamp();
        Instant sent = stamp == null ? Instant.now() : stamp;
        Instant previous = latest.get(key); // only the event thread reads and writes it
        if (stamp != null && previous != null && stamp.isBefore(previous)) {
            return false;
        }
        latest.put(key, previous != null && previous.isAfter(sent) ? previous : sent);
        return true;
    }
}
