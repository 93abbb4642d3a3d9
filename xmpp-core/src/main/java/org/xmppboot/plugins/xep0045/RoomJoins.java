package org.xmppboot.plugins.xep0045;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.XMLStream;
import org.xmppboot.xml.XmlElement;

/**
 * The rooms we are in or joining, and how they get there: a join waits for the room's self-presence, tries
 * another nick when ours is taken, times out, retries a failure that may pass, and every room is joined again
 * after a new session, asking only for the history we missed. {@link MultiUserChat} owns one and delegates to it.
 */
final class RoomJoins {

    /** The plugin's logger: all of MUC logs under one name. */
    private static final Logger log = LoggerFactory.getLogger(MultiUserChat.class);
    /**
     * How far before the last message seen a rejoin asks for history: clocks and second-precision stamps differ,
     * and the overlap is recognised and dropped.
     */
    private static final Duration REJOIN_OVERLAP = Duration.ofSeconds(2);

    private static final Set<StanzaError.Condition> PASSING = Set.of(StanzaError.Condition.REMOTE_SERVER_NOT_FOUND,
            StanzaError.Condition.REMOTE_SERVER_TIMEOUT, StanzaError.Condition.SERVICE_UNAVAILABLE,
            StanzaError.Condition.INTERNAL_SERVER_ERROR, StanzaError.Condition.RESOURCE_CONSTRAINT);

    /** The plugin: its current settings, and the owner's request that unlocks an instant room. */
    private final MultiUserChat muc;
    /** The plugin's context, asked for at each use: rooms may be joined before the plugin is on a connection. */
    private final Supplier<PluginContext> context;
    private final Map<Jid, Room> rooms = new ConcurrentHashMap<>();

    RoomJoins(MultiUserChat muc, Supplier<PluginContext> context) {
        this.muc = muc;
        this.context = context;
    }

    /** The room we are in or joining, by its bare JID, or null. */
    @Nullable Room room(Jid bare) {
        return rooms.get(bare);
    }

    List<Room> rooms() {
        return new ArrayList<>(rooms.values());
    }

    /** See {@link MultiUserChat#join(Jid, JoinOptions)}. */
    CompletableFuture<Room> join(Jid room, JoinOptions options) {
        Jid bare = room.bare();
        if (bare.local() == null) {
            throw new IllegalArgumentException("A room JID has a local part: " + room);
        }
        Room state = rooms.compute(bare,
                (r, known) -> known == null || known.isLeaving() ? new Room(r, options) : known);
        synchronized (state) {
            CompletableFuture<Room> pending = state.pendingJoin();
            if (pending != null) {
                return pending;
            }
            if (state.isJoined()) {
                return CompletableFuture.completedFuture(state);
            }
            state.setOptions(options);
            CompletableFuture<Room> future = newFuture();
            state.setPendingJoin(future);
            if (muc.isInitialised() && context.get().isSessionEstablished()) {
                sendJoin(state, options.history());
            }
            return future;
        }
    }

    /** See {@link MultiUserChat#leave}. */
    void leave(Jid room, @Nullable String status) {
        Room state = rooms.get(room.bare());
        if (state == null) {
            return;
        }
        context.get().cancelSchedule(joinTimer(state.jid()));
        context.get().cancelSchedule(retryTimer(state.jid()));
        CompletableFuture<Room> pending;
        synchronized (state) {
            state.markLeaving();
            pending = state.pendingJoin();
            state.setPendingJoin(null);
        }
        if (pending != null) {
            pending.completeExceptionally(new IllegalStateException("Left " + state.jid() + " before joining"));
        }
        if (context.get().isSessionEstablished() && state.isJoined()) {
            context.get().makePresence(state.jid().withResource(state.nick()), null, status,
                    Presence.Type.UNAVAILABLE).send();
        } else {
            rooms.remove(state.jid(), state);
        }
    }

    /** See {@link MultiUserChat#rejoin}. */
    CompletableFuture<Room> rejoin(Jid room) {
        Room state = rooms.get(room.bare());
        if (state == null || state.isLeaving()) {
            return CompletableFuture.failedFuture(new IllegalStateException("Not in " + room.bare()));
        }
        CompletableFuture<Room> future;
        synchronized (state) {
            CompletableFuture<Room> pending = state.pendingJoin();
            if (pending != null) {
                return pending;
            }
            state.markNotJoined();
            future = newFuture();
            state.setPendingJoin(future);
        }
        if (context.get().isSessionEstablished()) {
            sendJoin(state, historyFor(state));
        }
        return future;
    }

    // ---------------------------------------------------------------- the session and the room's answers

    /** A new session: the rooms are gone server-side; join them all again (or for the first time). */
    void onNewSession() {
        for (Room room : rooms.values()) {
            boolean rejoin = room.wasJoinedBefore();
            if (room.isLeaving() || (rejoin && !muc.config().rejoinOnNewSession())) {
                rooms.remove(room.jid(), room);
                room.markNotJoined();
                continue;
            }
            room.markNotJoined();
            room.markJoinedAtSessionStart();
            context.get().cancelSchedule(retryTimer(room.jid()));
            synchronized (room) {
                if (room.pendingJoin() == null) {
                    room.setPendingJoin(newFuture());
                }
            }
            // §7.2.15: "since" alone, so nothing said while we were away is missed, whatever the first limits.
            sendJoin(room, historyFor(room));
        }
    }

    /** The connection is gone: a join waits for the next session rather than timing out without one. */
    void onDisconnected() {
        rooms.keySet().forEach(room -> context.get().cancelSchedule(joinTimer(room)));
    }

    /** Our self-presence arrived while joining. */
    void onSelfPresence(Room room, @Nullable MucUser user) {
        if (user != null && user.hasStatus(MucUser.ROOM_CREATED) && muc.config().createInstantRooms()) {
            // §10.1.2: an empty submitted form accepts the default configuration and unlocks the room.
            muc.submitConfiguration(room.jid(), DataForm.create(DataForm.Type.SUBMIT)).whenComplete((ok, error) -> {
                if (error != null) {
                    failJoin(room, error);
                } else {
                    completeJoin(room);
                }
            });
            return;
        }
        completeJoin(room);
    }

    /** Our unavailable self-presence arrived outside a join: we are out of the room. */
    void onSelfUnavailable(Room room, Presence presence) {
        rooms.remove(room.jid(), room);
        room.markNotJoined();
        context.get().event(MultiUserChat.EVENT_LEFT, presence);
    }

    /** The room answered our presence with an error: a join is refused, unless another nick may do. */
    void onPresenceError(Room room, Presence presence) {
        if (room.pendingJoin() == null) {
            log.debug("[{}] presence error from {} outside a join: {}", context.get().connectionName(), room.jid(),
                    presence);
            return;
        }
        StanzaError error = presence.getError();
        if (error != null && error.getCondition() == StanzaError.Condition.CONFLICT && retryWithOtherNick(room)) {
            return;
        }
        failJoin(room, new StanzaErrorException(presence));
    }

    // ---------------------------------------------------------------- the state machine

    private void sendJoin(Room room, History history) {
        JoinOptions options = room.options();
        Presence presence = context.get().makePresence(room.jid().withResource(room.nick()), null, null, null);
        XmlElement x = presence.xml().addElement("x", MultiUserChat.NAMESPACE);
        if (options.password() != null) {
            x.addElement("password", MultiUserChat.NAMESPACE).setText(options.password());
        }
        history.writeTo(x);
        context.get().schedule(joinTimer(room.jid()), muc.config().joinTimeout(), () -> joinTimedOut(room), false);
        presence.send();
    }

    /**
     * The history a join asks for: in a room we were in before, what was said since the last message we saw (with
     * {@link #REJOIN_OVERLAP}); in a room joined for the first time, what the join's options ask for.
     */
    private static History historyFor(Room room) {
        Instant from = room.wasJoinedBefore() ? room.resumeFrom() : null;
        return from == null ? room.options().history() : History.since(from.minus(REJOIN_OVERLAP));
    }

    private void joinTimedOut(Room room) {
        context.get().cancelSchedule(joinTimer(room.jid()));
        failJoin(room, new TimeoutException("No answer from " + room.jid() + " within "
                + muc.config().joinTimeout()));
    }

    private void failJoin(Room room, Throwable cause) {
        PluginContext ctx = context.get();
        ctx.cancelSchedule(joinTimer(room.jid()));
        CompletableFuture<Room> pending;
        synchronized (room) {
            pending = room.pendingJoin();
            room.setPendingJoin(null);
        }
        room.markNotJoined();
        boolean retrying = room.keepsTrying() && !room.isLeaving() && isPassing(cause);
        if (retrying) {
            Duration delay = muc.config().rejoinRetryInterval();
            log.info("[{}] joining {} failed, trying again in {}: {}", ctx.connectionName(), room.jid(), delay,
                    cause.getMessage());
            ctx.schedule(retryTimer(room.jid()), delay, () -> retryJoin(room), false);
        } else {
            rooms.remove(room.jid(), room);
            log.info("[{}] joining {} failed: {}", ctx.connectionName(), room.jid(), cause.getMessage());
        }
        if (pending != null) {
            pending.completeExceptionally(cause);
        }
        ctx.event(MultiUserChat.EVENT_JOIN_FAILED, new MucJoinFailure(room.jid(), cause, retrying));
    }

    private void retryJoin(Room room) {
        context.get().cancelSchedule(retryTimer(room.jid()));
        if (rooms.get(room.jid()) == room && !room.isJoined() && room.pendingJoin() == null
                && context.get().isSessionEstablished()) {
            rejoin(room.jid());
        }
    }

    /** A failure that may pass: no answer, the room's server unreachable or busy (RFC 6120 §8.3.2, type wait). */
    private static boolean isPassing(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return true;
        }
        if (!(cause instanceof StanzaErrorException refused)) {
            return false;
        }
        StanzaError error = refused.stanza() == null ? null : refused.stanza().getError();
        return PASSING.contains(refused.condition())
                || (error != null && error.getErrorType() == StanzaError.Type.WAIT);
    }

    private void completeJoin(Room room) {
        context.get().cancelSchedule(joinTimer(room.jid()));
        CompletableFuture<Room> pending;
        synchronized (room) {
            room.markJoined(Instant.now());
            pending = room.pendingJoin();
            room.setPendingJoin(null);
        }
        if (pending != null) {
            pending.complete(room);
        }
        context.get().event(MultiUserChat.EVENT_JOINED, room);
    }

    /** §7.2.9: our nick is taken; try the next fallback nick, or give up. */
    private boolean retryWithOtherNick(Room room) {
        MucConfig config = muc.config();
        int attempt = room.nextNickAttempt();
        String other = attempt > config.maxNickAttempts() ? null
                : config.nickFallback().nick(room.options().nick(), attempt);
        if (other == null) {
            return false;
        }
        room.setNick(other);
        sendJoin(room, historyFor(room));
        return true;
    }

    private static String retryTimer(Jid room) {
        return MultiUserChat.NAME + ":retry:" + room;
    }

    private static String joinTimer(Jid room) {
        return MultiUserChat.NAME + ":join:" + room;
    }

    private <T> CompletableFuture<T> newFuture() {
        XMLStream stream = muc.isInitialised() ? context.get().unwrap(XMLStream.class) : null;
        return stream != null ? stream.newFuture() : new CompletableFuture<>();
    }
}
