package org.xmppboot.plugins.xep0045;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.BoundedCache;

/**
 * A room we are in or joining: our nick there, its occupants (kept from the presence it sends), its subject.
 * Read it from any thread; the plugin alone ({@link MultiUserChat} and the classes it delegates to) changes it.
 */
public final class Room {

    /** How many recent messages a room remembers to recognise them when a rejoin replays history. */
    private static final int REMEMBERED_MESSAGES = 256;

    private final Jid jid;
    private final Map<String, Occupant> occupants = new LinkedHashMap<>();
    private final BoundedCache<String, Boolean> recentMessages = new BoundedCache<>(REMEMBERED_MESSAGES);
    private JoinOptions options;
    private String nick;
    private boolean joined;
    private @Nullable String subject;
    private @Nullable Instant joinedAt;
    private @Nullable Instant lastMessageAt;
    /** The join under way, or null. */
    private @Nullable CompletableFuture<Room> pendingJoin;
    private int nickAttempts;
    private boolean leaving;
    /** Joined at a session start: a passing failure is retried rather than final. */
    private boolean joinedAtSessionStart;

    Room(Jid jid, JoinOptions options) {
        this.jid = jid.bare();
        this.options = options;
        this.nick = options.nick();
    }

    /** The room's bare JID. */
    public Jid jid() {
        return jid;
    }

    /** Our nick in the room: the one the room gave us once joined, the one asked for while joining. */
    public synchronized String nick() {
        return nick;
    }

    /** Whether our self-presence has arrived and we have not left since (in this session). */
    public synchronized boolean isJoined() {
        return joined;
    }

    /** The room's subject, or null if none was received. */
    public synchronized @Nullable String subject() {
        return subject;
    }

    /** The occupants present, us included, in arrival order. */
    public synchronized List<Occupant> occupants() {
        return new ArrayList<>(occupants.values());
    }

    /** The occupant with this nick, or null. */
    public synchronized @Nullable Occupant occupant(String occupantNick) {
        return occupants.get(occupantNick);
    }

    /** When the last message of the room reached us (its delay stamp for history), or null. */
    public synchronized @Nullable Instant lastMessageAt() {
        return lastMessageAt;
    }

    @Override
    public synchronized String toString() {
        return "Room[" + jid + " as " + nick + (joined ? ", joined" : "") + "]";
    }

    // ---------------------------------------------------------------- the plugin's side

    synchronized JoinOptions options() {
        return options;
    }

    synchronized void setOptions(JoinOptions joinOptions) {
        this.options = joinOptions;
        this.nick = joinOptions.nick();
    }

    synchronized void setNick(String newNick) {
        this.nick = newNick;
    }

    synchronized void setSubject(@Nullable String newSubject) {
        this.subject = newSubject;
    }

    synchronized @Nullable CompletableFuture<Room> pendingJoin() {
        return pendingJoin;
    }

    synchronized void setPendingJoin(@Nullable CompletableFuture<Room> future) {
        this.pendingJoin = future;
    }

    synchronized boolean isLeaving() {
        return leaving;
    }

    synchronized void markLeaving() {
        leaving = true;
    }

    synchronized void markJoinedAtSessionStart() {
        joinedAtSessionStart = true;
    }

    /** Whether a join that fails for a passing reason is tried again: a room we were in, or joined at start. */
    synchronized boolean keepsTrying() {
        return joinedAtSessionStart || joinedAt != null;
    }

    synchronized int nextNickAttempt() {
        return ++nickAttempts;
    }

    /** Our self-presence arrived: joined from now on. */
    synchronized void markJoined(Instant now) {
        joined = true;
        nickAttempts = 0;
        if (joinedAt == null) {
            joinedAt = now;
        }
    }

    /** Not in the room any more (left, removed, or a new session that has not rejoined yet). */
    synchronized void markNotJoined() {
        joined = false;
        occupants.clear();
    }

    /** Whether the room was joined in an earlier session, so that its history since then is what is missing. */
    synchronized boolean wasJoinedBefore() {
        return joinedAt != null;
    }

    /** The instant from which a rejoin asks for history: the last message seen, or the first join. */
    synchronized @Nullable Instant resumeFrom() {
        if (lastMessageAt == null) {
            return joinedAt;
        }
        return joinedAt == null || lastMessageAt.isAfter(joinedAt) ? lastMessageAt : joinedAt;
    }

    synchronized void putOccupant(Occupant occupant) {
        occupants.put(occupant.nick(), occupant);
    }

    synchronized void removeOccupant(String occupantNick) {
        occupants.remove(occupantNick);
    }

    /**
     * Notes a message received from the room.
     *
     * @return false when it is history we have already seen (a rejoin's overlap), true otherwise
     */
    boolean noteMessage(@Nullable String key, @Nullable Instant delayedSince, Instant now) {
        synchronized (this) {
            Instant at = delayedSince != null ? delayedSince : now;
            if (lastMessageAt == null || at.isAfter(lastMessageAt)) {
                lastMessageAt = at;
            }
        }
        if (key == null) {
            return true;
        }
        boolean seen = recentMessages.put(key, Boolean.TRUE) != null;
        return !(seen && delayedSince != null);
    }
}
