package org.xmppboot.plugins.xep0333;

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
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0333 Chat Markers: raises events for the markers others send, sends markers for messages that asked for
 * them ({@link #send}), and can ask for markers on outgoing messages ({@link ChatMarkersConfig}). Announces
 * {@code urn:xmpp:chat-markers:0} through service discovery (§3).
 *
 * <p>Events raised, each with the {@link Message}:
 * <ul>
 *   <li>{@code marker_received}, {@code marker_displayed}, {@code marker_acknowledged}: a message carrying that
 *       marker, with the id of the marked message, arrived;</li>
 *   <li>{@code marker}: the same message, right after.</li>
 * </ul>
 * A marker without an id, or in an error message, raises none. Markers only move forward and may name messages
 * we never sent (§5): which ids to believe is the application's call, since only it knows its chat history.
 */
public class ChatMarkers extends BasePlugin {

    public static final String NAME = "xep_0333";
    public static final String NAMESPACE = "urn:xmpp:chat-markers:0";
    public static final String EVENT_MARKER = "marker";
    /** XEP-0359 Unique and Stable Stanza IDs: the id a room assigns to each message it relays. */
    static final String STANZA_ID_NAMESPACE = "urn:xmpp:sid:0";

    /** Outbound filter order: after the application's own filters, which may still add bodies or ids. */
    private static final int FILTER_ORDER = 1_000;

    private volatile ChatMarkersConfig config;

    public ChatMarkers() {
        this(ChatMarkersConfig.DEFAULT);
    }

    public ChatMarkers(ChatMarkersConfig config) {
        super(NAME, ServiceDiscovery.NAME);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Replaces the settings; they apply to the next message sent. */
    public ChatMarkers configure(ChatMarkersConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        return this;
    }

    public ChatMarkersConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        Objects.requireNonNull(Markable.SCHEMA); // registers the extensions on Message
        Objects.requireNonNull(Marker.DISPLAYED.schema());
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME + ":marker", Matcher.stanzaPath("message"), this::onMessage));
        context.addFilter(Direction.OUT, this::markOutgoing, FILTER_ORDER);
    }

    /**
     * Sends a marker for a message we received, to its sender: in a one-to-one chat it names the message's id,
     * in a room the id the room assigned (§4.3: the XEP-0359 {@code <stanza-id/>} whose {@code by} is the room),
     * falling back to the message's id where the room added none. The marker goes out with the message's type
     * and thread; to a room, to the room's bare JID.
     *
     * <p>Sends nothing, and returns false, for a message that did not ask for markers ({@code <markable/>}: §5
     * advises against unrequested markers in one-to-one chats, and though §4.3 allows them in rooms, we send
     * none there either), that is itself a marker (§4.2: no marker
     * answers a marker), an error, our own message (§5), or one without a sender or an id to name.
     *
     * <p>Markers go out only when the application calls this, never on their own: a marker tells the sender we
     * are online and reading (§7 advises against sending them to those not allowed to see our presence, §8 asks
     * for a way to opt out), and only the application knows whom it wants to tell.
     *
     * <p>A room that does not support XEP-0359 may pass on a {@code <stanza-id/>} forged by an occupant (§4.3);
     * telling such rooms apart needs their disco#info, which is left to the application.
     */
    public boolean send(Message received, Marker marker) {
        Objects.requireNonNull(marker, "marker");
        Jid from = Jid.ofOrNull(received.xml().attribute("from"));
        Message.Type type = received.getMessageType();
        if (from == null || type == Message.Type.ERROR || !Markable.isMarkable(received)
                || ChatMarker.of(received) != null || isOwn(from)) {
            return false;
        }
        boolean groupchat = type == Message.Type.GROUPCHAT;
        String id = groupchat ? roomAssignedId(received, from.bare()) : null;
        if (id == null) {
            id = received.getId();
        }
        if (id == null || id.isEmpty()) {
            return false;
        }
        Message reply = context().makeMessage(groupchat ? from.bare() : from, null, type).fromRecipientOf(received);
        reply.setThread(received.getThread());
        ChatMarker.add(reply, marker, id);
        reply.send();
        return true;
    }

    private boolean isOwn(Jid from) {
        Jid self = context().boundJid();
        return self != null && self.bare().equals(from.bare());
    }

    /** The id a room put in a {@code <stanza-id/>} it stamped with its own address, or null. */
    private static @Nullable String roomAssignedId(Message message, Jid room) {
        for (XmlElement stanzaId : message.xml().elements("stanza-id", STANZA_ID_NAMESPACE)) {
            String id = stanzaId.attribute("id");
            if (room.toString().equals(stanzaId.attribute("by")) && id != null && !id.isEmpty()) {
                return id;
            }
        }
        return null;
    }

    private void onMessage(StanzaBase stanza) {
        Message message = (Message) stanza;
        ChatMarker marker = ChatMarker.of(message);
        if (marker == null || marker.getId() == null || message.getMessageType() == Message.Type.ERROR) {
            return;
        }
        context().event(EVENT_MARKER + "_" + marker.marker().value(), message);
        context().event(EVENT_MARKER, message);
    }

    /** The outbound filter of {@link ChatMarkersConfig#markOutgoing()}. */
    private @Nullable StanzaBase markOutgoing(StanzaBase stanza) {
        if (config.markOutgoing() && stanza instanceof Message message
                && message.getMessageType() == Message.Type.CHAT && message.getBody() != null
                && message.getId() != null && !message.getId().isEmpty()) {
            Markable.setMarkable(message, true);
        }
        return stanza;
    }
}
