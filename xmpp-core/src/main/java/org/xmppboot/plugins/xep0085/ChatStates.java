package org.xmppboot.plugins.xep0085;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0085 Chat State Notifications: raises events for the chat states others send, sends ours, and adds
 * {@code <active/>} to outgoing chat messages as §5.1 says (see {@link ChatStatesConfig}). Announces
 * {@code http://jabber.org/protocol/chatstates} through service discovery (§4).
 *
 * <p>Events raised, each with the {@link Message}:
 * <ul>
 *   <li>{@code chatstate}: a message carrying a chat state arrived (standalone or with a body);</li>
 *   <li>{@code chatstate_active}, {@code chatstate_composing}, {@code chatstate_paused},
 *       {@code chatstate_inactive}, {@code chatstate_gone}: the same message, by state, right after.</li>
 * </ul>
 * Error messages raise none, and neither does {@code <gone/>} from a room occupant (§5.5: ignored in groupchat).
 */
public class ChatStates extends BasePlugin {

    public static final String NAME = "xep_0085";
    public static final String NAMESPACE = "http://jabber.org/protocol/chatstates";
    public static final String EVENT_CHATSTATE = "chatstate";

    /** Outbound filter order: after the application's own filters, which may still add bodies. */
    private static final int FILTER_ORDER = 1_000;

    private volatile ChatStatesConfig config;
    private volatile ChatPartners partners;

    public ChatStates() {
        this(ChatStatesConfig.DEFAULT);
    }

    public ChatStates(ChatStatesConfig config) {
        super(NAME, ServiceDiscovery.NAME);
        this.config = Objects.requireNonNull(config, "config");
        this.partners = new ChatPartners(config.maxContacts());
    }

    /** Replaces the settings; a new {@code maxContacts} forgets what was learnt of contacts so far. */
    public ChatStates configure(ChatStatesConfig newConfig) {
        Objects.requireNonNull(newConfig, "config");
        if (newConfig.maxContacts() != config.maxContacts()) {
            partners = new ChatPartners(newConfig.maxContacts());
        }
        this.config = newConfig;
        return this;
    }

    public ChatStatesConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        Objects.requireNonNull(ChatState.ACTIVE.schema()); // registers the five states on Message
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME + ":message", Matcher.stanzaPath("message"), this::onMessage));
        context.addFilter(Direction.OUT, this::markOutgoing, FILTER_ORDER);
    }

    /**
     * Sends a standalone notification in a one-to-one chat: a body-less chat message carrying only the state
     * (§5.6). No storage hint is added, since §5.6 allows no other child.
     *
     * @return false, sending nothing, when the contact replied to us without chat states (§5.1 rule 2: we must
     *     not send it any), or when this state is the one last sent to it without a content message since
     *     (§5.3: no repetition)
     */
    public boolean send(Jid to, ChatState state) {
        return send(to, state, Message.Type.CHAT, null);
    }

    /**
     * Sends a standalone notification of a given type: {@code chat} for a one-to-one chat, {@code groupchat} to
     * a room (§5.5; not {@code <gone/>}, which a client should not send there). With a thread, the notification
     * carries it (§5.7). Returns false as {@link #send(Jid, ChatState)} does.
     *
     * @throws IllegalArgumentException for a type other than chat or groupchat (§5.4), or gone to a room
     */
    public boolean send(Jid to, ChatState state, Message.Type type, @Nullable String thread) {
        if (type != Message.Type.CHAT && type != Message.Type.GROUPCHAT) {
            throw new IllegalArgumentException("Chat states go in chat or groupchat messages, not " + type.value());
        }
        if (type == Message.Type.GROUPCHAT && state == ChatState.GONE) {
            throw new IllegalArgumentException("A client should not send <gone/> to a room (XEP-0085 §5.5)");
        }
        ChatPartners known = partners;
        if (type == Message.Type.CHAT && !known.mayNotify(to) || !known.standalone(to, state)) {
            return false;
        }
        Message message = context().makeMessage(to, null, type);
        message.setThread(thread);
        ChatStateNotification.set(message, state);
        message.send();
        return true;
    }

    /**
     * Whether chat states may go to a contact: true until it sends us a content message without one (§5.1 rule
     * 2), and again once it sends one with a chat state (rule 3).
     */
    public boolean mayNotify(Jid contact) {
        return partners.mayNotify(contact);
    }

    private void onMessage(StanzaBase stanza) {
        Message message = (Message) stanza;
        Message.Type type = message.getMessageType();
        if (type == Message.Type.ERROR) {
            return;
        }
        ChatState state = ChatStateNotification.of(message);
        Jid from = Jid.ofOrNull(message.xml().attribute("from"));
        if (from != null && type != Message.Type.GROUPCHAT) {
            partners.received(from, state != null, message.getBody() != null);
        }
        if (state == null || type == Message.Type.GROUPCHAT && state == ChatState.GONE) {
            return;
        }
        context().event(EVENT_CHATSTATE, message);
        context().event(EVENT_CHATSTATE + "_" + state.value(), message);
    }

    /** The outbound filter: {@code <active/>} in outgoing chat messages with a body (§5.1, §5.3). */
    private @Nullable StanzaBase markOutgoing(StanzaBase stanza) {
        if (!(stanza instanceof Message message) || message.getMessageType() != Message.Type.CHAT
                || message.getBody() == null) {
            return stanza;
        }
        Jid to = Jid.ofOrNull(message.xml().attribute("to"));
        if (to == null) {
            return stanza;
        }
        ChatPartners known = partners;
        known.contentSent(to);
        if (config.activeInMessages() && ChatStateNotification.of(message) == null && known.mayNotify(to)) {
            ChatStateNotification.set(message, ChatState.ACTIVE);
        }
        return stanza;
    }
}
