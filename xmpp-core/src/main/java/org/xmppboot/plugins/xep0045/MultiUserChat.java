package org.xmppboot.plugins.xep0045;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.DataForms;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0359.StanzaId;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.handler.StreamHandler;

/**
 * XEP-0045 Multi-User Chat, the occupant's side: join and leave rooms, talk in them, follow their occupants and
 * subject, and the owner's and moderator's essentials (§8 to §10: roles, affiliations, configuration).
 *
 * <p>Rooms stay joined: a {@link #join} made before connecting is sent when the session starts, and after a new
 * session (a reconnect without stream management, a server restart) every room is joined again, asking for the
 * history since the last message seen; history we had already received is recognised and dropped, so nothing
 * is handled twice. A resumed session ({@code session_resumed}) is still in its rooms and does not rejoin.
 *
 * <p>Our own groupchat messages, which the room reflects to every occupant (§7.4), are dropped before any
 * handler unless {@link MucConfig#receiveOwnMessages()}: a bot does not answer itself.
 *
 * <p>Events raised (besides the client's own {@code groupchat_message} for every groupchat message with a body
 * and {@code message_without_body} for the subject):
 * <ul>
 *   <li>{@code muc_joined} ({@link Room}): our self-presence arrived; a join or a rejoin is complete.</li>
 *   <li>{@code muc_left} ({@link Presence}): our unavailable self-presence arrived: we left, or were kicked
 *       (status 307), banned (301), or the room was destroyed.</li>
 *   <li>{@code muc_join_failed} ({@link MucJoinFailure}): a join failed (also raised when a future awaits it).</li>
 *   <li>{@code groupchat_presence} and {@code muc::<room>::presence} ({@link Presence}): any presence from an
 *       occupant of a room we are in, after the roster of {@link Room#occupants()} was updated.</li>
 *   <li>{@code groupchat_subject} and {@code muc::<room>::subject} ({@link Message}): the room's subject, sent on
 *       joining and whenever it changes.</li>
 *   <li>{@code muc::<room>::message} ({@link Message}): a groupchat message with a body from the room.</li>
 *   <li>{@code groupchat_invite} ({@link MucInvitation}): a room passed on an invitation to us (§7.8.2). Nothing
 *       is joined by itself: anyone can have a room invite us anywhere.</li>
 *   <li>{@code groupchat_decline} ({@link MucInvitationDeclined}): someone we invited through a room declined.</li>
 * </ul>
 * An invitation or decline that is not from a room's bare JID, or whose element is malformed, raises nothing;
 * either message still reaches the other handlers (a room may add a body to an invitation).
 * {@code <room>} is the room's bare JID, as in {@code muc::lobby@conference.example.com::message}.
 */
public class MultiUserChat extends BasePlugin {

    public static final String NAME = "xep_0045";
    public static final String NAMESPACE = "http://jabber.org/protocol/muc";
    public static final String NAMESPACE_USER = NAMESPACE + "#user";
    public static final String NAMESPACE_ADMIN = NAMESPACE + "#admin";
    public static final String NAMESPACE_OWNER = NAMESPACE + "#owner";

    public static final String EVENT_JOINED = "muc_joined";
    public static final String EVENT_LEFT = "muc_left";
    public static final String EVENT_JOIN_FAILED = "muc_join_failed";
    public static final String EVENT_PRESENCE = "groupchat_presence";
    public static final String EVENT_SUBJECT = "groupchat_subject";
    public static final String EVENT_INVITE = "groupchat_invite";
    public static final String EVENT_DECLINE = "groupchat_decline";

    private static final Logger log = LoggerFactory.getLogger(MultiUserChat.class);
    /** Inbound filter order: early, so that nothing sees a message this plugin drops. */
    private static final int FILTER_ORDER = -100;

    private volatile MucConfig config;
    // One concern each; they ask for the context when they use it, as a room may be joined before connecting.
    private final RoomJoins joins = new RoomJoins(this, this::context);
    private final MediatedInvitations invitations = new MediatedInvitations(this::context);
    private final RoomAdministration administration = new RoomAdministration(this::context);

    public MultiUserChat() {
        this(MucConfig.DEFAULT);
    }

    public MultiUserChat(MucConfig config) {
        super(NAME, ServiceDiscovery.NAME, DataForms.NAME);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Replaces the settings; they apply to the next join and the next stanza received. */
    public MultiUserChat configure(MucConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        return this;
    }

    public MucConfig config() {
        return config;
    }

    /** The name of a room's own event: {@code muc::<room>::<what>}. */
    public static String roomEvent(Jid room, String what) {
        return "muc::" + room.bare() + "::" + what;
    }

    @Override
    protected void start(PluginContext context) {
        Objects.requireNonNull(MucUser.SCHEMA); // registers the muc#user extension on Presence and Message
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME + ":presence", this::isRoomPresence,
                s -> onPresence((Presence) s)));
        context.registerHandler(StreamHandler.of(NAME + ":message", this::isRoomGroupchat,
                s -> onGroupchat((Message) s)));
        context.registerHandler(StreamHandler.of(NAME + ":invite", MediatedInvitations::isInvite,
                s -> invitations.onInvite((Message) s)));
        context.registerHandler(StreamHandler.of(NAME + ":decline", MediatedInvitations::isDecline,
                s -> invitations.onDecline((Message) s)));
        context.addFilter(Direction.IN, this::filterGroupchat, FILTER_ORDER);
        context.addEventHandler("session_start", jid -> joins.onNewSession());
        context.addEventHandler("disconnected", reason -> joins.onDisconnected());
    }

    // ---------------------------------------------------------------- the API: rooms

    /** Joins a room with this nick and the room's default history. */
    public CompletableFuture<Room> join(Jid room, String nick) {
        return join(room, JoinOptions.nick(nick));
    }

    /**
     * Joins a room (XEP-0045 §7.2) and keeps it joined across new sessions until {@link #leave}. Before the
     * session starts, the join is sent when it does. The future completes with the room when our self-presence
     * arrives, and fails with the room's {@link StanzaErrorException} ({@code not-authorized}: password,
     * {@code registration-required}: members only, {@code forbidden}: banned, {@code conflict}: nick taken after
     * the {@link MucConfig#nickFallback() fallbacks}, ...) or a {@link TimeoutException}. May be called before
     * the plugin is registered on a connection: the join is then sent at the first session. Joining a room again
     * changes nothing there and returns the pending or completed join. Never block on it on the event thread.
     */
    public CompletableFuture<Room> join(Jid room, JoinOptions options) {
        return joins.join(room, options);
    }

    /** Leaves a room (§7.14) and stops rejoining it; {@code muc_left} follows when the room confirms. */
    public void leave(Jid room, @Nullable String status) {
        joins.leave(room, status);
    }

    /**
     * Joins a room we believe we are in again, as after a new session (history since the last message seen): for
     * when the room has forgotten us, as a self-ping (XEP-0410) finds out. Returns the pending join if one is under
     * way; fails at once for a room we are not in.
     */
    public CompletableFuture<Room> rejoin(Jid room) {
        return joins.rejoin(room);
    }

    /** The room we are in or joining, or null. */
    public @Nullable Room room(Jid room) {
        return joins.room(room.bare());
    }

    /** The rooms we are in or joining. */
    public List<Room> rooms() {
        return joins.rooms();
    }

    /** Sends a message with this body to everyone in the room (§7.4). */
    public Message sendMessage(Jid room, String body) {
        Message message = context().makeMessage(room.bare(), body, Message.Type.GROUPCHAT);
        message.setId(context().newId());
        message.send();
        return message;
    }

    /** Sends a private message to one occupant, through the room (§7.5). */
    public Message sendPrivateMessage(Jid room, String nick, String body) {
        Message message = context().makeMessage(room.bare().withResource(nick), body, Message.Type.CHAT);
        message.setId(context().newId());
        // §7.5: the <x/> marks a private message as the room's, so a client does not take it for a direct one.
        message.xml().addElement("x", NAMESPACE_USER);
        message.send();
        return message;
    }

    /** Changes the room's subject (§8.1; a moderator's right unless the room lets everyone). */
    public void setSubject(Jid room, String subject) {
        Message message = context().makeMessage(room.bare(), null, Message.Type.GROUPCHAT);
        message.setSubject(subject);
        message.send();
    }

    /** Asks for another nick in a room we are in (§7.6); the room's presence confirms it. */
    public void changeNick(Jid room, String nick) {
        context().makePresence(room.bare().withResource(nick), null, null, null).send();
    }

    /** Whether a message mentions our nick in the room it came from (see {@link MucMessages#mentions}). */
    public boolean mentionsMe(Message message) {
        Jid from = message.getFrom();
        Room state = from == null ? null : joins.room(from.bare());
        return state != null && MucMessages.mentions(message, state.nick());
    }

    // ---------------------------------------------------------------- the API: invitations

    /**
     * Invites someone to a room through the room (a mediated invitation, §7.8.2): the room passes it on with our
     * JID and, for a protected room, its password. A members-only room may refuse it ({@code forbidden}) unless we
     * may edit its member list. For other rooms XEP-0045 prefers direct invitations (XEP-0249), which reach people
     * who block strangers.
     */
    public Message invite(Jid room, Jid invitee, @Nullable String reason) {
        return invitations.invite(room, invitee, reason);
    }

    /** Turns down an invitation a room passed on (§7.8.2); the room tells the inviter. */
    public Message decline(MucInvitation invitation, @Nullable String reason) {
        return decline(invitation.room(), invitation.inviter(), reason);
    }

    /** Turns down an invitation to a room (§7.8.2), for the inviter the room named (null if it named none). */
    public Message decline(Jid room, @Nullable Jid inviter, @Nullable String reason) {
        return invitations.decline(room, inviter, reason);
    }

    // ---------------------------------------------------------------- the API: moderation and ownership

    /** Sets an occupant's role (§8.4 voice, §8.2 kick with {@link Role#NONE}, §9.6 moderator). */
    public CompletableFuture<Iq> setRole(Jid room, String nick, Role role, @Nullable String reason) {
        return administration.setRole(room, nick, role, reason);
    }

    /** Kicks an occupant (§8.2): its role becomes none. */
    public CompletableFuture<Iq> kick(Jid room, String nick, @Nullable String reason) {
        return setRole(room, nick, Role.NONE, reason);
    }

    /** Sets a user's affiliation (§9.1 ban with {@link Affiliation#OUTCAST}, §9.3 membership, §10.3 admin). */
    public CompletableFuture<Iq> setAffiliation(Jid room, Jid user, Affiliation affiliation,
            @Nullable String reason) {
        return administration.setAffiliation(room, user, affiliation, reason);
    }

    /** Bans a user (§9.1). */
    public CompletableFuture<Iq> ban(Jid room, Jid user, @Nullable String reason) {
        return setAffiliation(room, user, Affiliation.OUTCAST, reason);
    }

    /** Makes a user a member (§9.3). */
    public CompletableFuture<Iq> grantMembership(Jid room, Jid user) {
        return setAffiliation(room, user, Affiliation.MEMBER, null);
    }

    /** Takes a user's membership away (§9.4). */
    public CompletableFuture<Iq> revokeMembership(Jid room, Jid user) {
        return setAffiliation(room, user, Affiliation.NONE, null);
    }

    /** The room's configuration form (§10.2), to fill in and {@link #submitConfiguration submit}. */
    public CompletableFuture<DataForm> getConfiguration(Jid room) {
        return administration.getConfiguration(room);
    }

    /** Submits a filled-in configuration form (§10.2), of type submit (see {@link DataForm#submit}). */
    public CompletableFuture<Iq> submitConfiguration(Jid room, DataForm submission) {
        return administration.submitConfiguration(room, submission);
    }

    /** Destroys a room (§10.9). */
    public CompletableFuture<Iq> destroy(Jid room, @Nullable String reason) {
        return administration.destroy(room, reason);
    }

    // ---------------------------------------------------------------- receiving

    private @Nullable Room roomOf(StanzaBase stanza) {
        Jid from = stanza.getFrom();
        return from == null ? null : joins.room(from.bare());
    }

    private boolean isRoomPresence(StanzaBase stanza) {
        return stanza instanceof Presence && roomOf(stanza) != null;
    }

    private boolean isRoomGroupchat(StanzaBase stanza) {
        return stanza instanceof Message message && message.getMessageType() == Message.Type.GROUPCHAT
                && roomOf(stanza) != null;
    }

    private void onPresence(Presence presence) {
        Room room = roomOf(presence);
        Jid from = presence.getFrom();
        if (room == null || from == null) {
            return;
        }
        Presence.Type type = presence.getPresenceType();
        if (type == Presence.Type.ERROR) {
            joins.onPresenceError(room, presence);
            return;
        }
        Occupant occupant = Occupant.of(presence);
        if (occupant == null || (type != Presence.Type.AVAILABLE && type != Presence.Type.UNAVAILABLE)) {
            return;
        }
        MucUser user = MucUser.of(presence);
        boolean self = (user != null && user.hasStatus(MucUser.SELF)) || occupant.nick().equals(room.nick());
        if (type == Presence.Type.AVAILABLE) {
            room.putOccupant(occupant);
            if (self) {
                room.setNick(occupant.nick()); // §7.2.10: the room may have changed the nick we asked for
                if (room.pendingJoin() != null) {
                    joins.onSelfPresence(room, user);
                }
            }
        } else {
            room.removeOccupant(occupant.nick());
            MucItem item = user == null ? null : user.getItem();
            if (user != null && user.hasStatus(MucUser.NICK_CHANGED) && item != null && item.getNick() != null) {
                if (self) {
                    room.setNick(item.getNick()); // §7.6: the new nick's presence follows
                }
            } else if (self && room.pendingJoin() == null) {
                joins.onSelfUnavailable(room, presence);
            }
        }
        context().event(EVENT_PRESENCE, presence);
        context().event(roomEvent(room.jid(), "presence"), presence);
    }

    private void onGroupchat(Message message) {
        Room room = roomOf(message);
        if (room == null) {
            return;
        }
        String subject = message.getSubject();
        // §7.2.15: a message with a subject and no body is the subject; one with a body is an ordinary message.
        if (subject != null && message.getBody() == null) {
            room.setSubject(subject);
            context().event(EVENT_SUBJECT, message);
            context().event(roomEvent(room.jid(), "subject"), message);
        } else if (message.getBody() != null) {
            context().event(roomEvent(room.jid(), "message"), message);
        }
    }

    /**
     * The inbound filter: notes when the room last spoke, drops history a rejoin replays that we already handled,
     * and drops our own reflected messages unless they are wanted.
     */
    private @Nullable StanzaBase filterGroupchat(StanzaBase stanza) {
        if (!(stanza instanceof Message message) || message.getMessageType() != Message.Type.GROUPCHAT) {
            return stanza;
        }
        Room room = roomOf(message);
        Jid from = message.getFrom();
        if (room == null || from == null || from.resource() == null || message.getBody() == null) {
            return stanza;
        }
        Instant delayed = message.getDelay() == null ? null : message.getDelay().getStamp();
        if (!room.noteMessage(messageKey(room, message, from), delayed, Instant.now())) {
            log.debug("[{}] history already seen, dropped: {}", context().connectionName(), message.getId());
            return null;
        }
        if (!config.receiveOwnMessages() && from.resource().equals(room.nick()) && message.getSubject() == null) {
            return null;
        }
        return stanza;
    }

    /**
     * What identifies a room's message in its history: the id the room gave it (XEP-0359, only the room's is
     * believed), else the sender's origin-id or id, else its nick and body.
     */
    private static String messageKey(Room room, Message message, Jid from) {
        String id = StanzaId.find(message.xml(), room.jid());
        if (id != null) {
            return "sid:" + id;
        }
        String origin = message.getOriginId();
        if (origin != null) {
            return "oid:" + from.resource() + ":" + origin;
        }
        String plainId = message.getId();
        if (plainId != null && !plainId.isEmpty()) {
            return "id:" + from.resource() + ":" + plainId;
        }
        return "body:" + from.resource() + ":" + message.getBody();
    }
}
