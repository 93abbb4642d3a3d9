package org.xmppboot.plugins.xep0050;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * One run of a command by one requester (XEP-0050 §4: the {@code sessionid}), kept between the steps of a
 * multi-step command: what the handler stores in it, which step it is at, and the last response sent. A session
 * ends when a response completes or cancels the command, or when the requester is idle too long.
 */
public final class CommandSession {

    private final String id;
    private final String node;
    private final Jid requester;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile int stage;
    private volatile @Nullable CommandResponse lastResponse;
    private volatile Instant lastUsed;

    CommandSession(String id, String node, Jid requester, Instant now) {
        this.id = id;
        this.node = node;
        this.requester = requester;
        this.lastUsed = now;
    }

    /** The {@code sessionid}. */
    public String id() {
        return id;
    }

    public String node() {
        return node;
    }

    /** Who runs the command: only they may go on with the session. */
    public Jid requester() {
        return requester;
    }

    /**
     * The step the dialogue is at: 0 when the command starts, one more after each {@code next}, one less after
     * each {@code prev} (never below 0); {@code complete} leaves it.
     */
    public int stage() {
        return stage;
    }

    /** The response last sent in this session, or null before the first. */
    public @Nullable CommandResponse lastResponse() {
        return lastResponse;
    }

    /** A value the handler stored, or null. */
    public @Nullable Object get(String key) {
        return values.get(key);
    }

    /** A value the handler stored, if it is of this type; else null. */
    public <T> @Nullable T get(String key, Class<T> type) {
        Object value = values.get(key);
        return type.isInstance(value) ? type.cast(value) : null;
    }

    /** Stores a value for the next steps; null removes it. */
    public CommandSession put(String key, @Nullable Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return this;
    }

    void step(CommandAction action) {
        if (action == CommandAction.NEXT) {
            stage++;
        } else if (action == CommandAction.PREV && stage > 0) {
            stage--;
        }
    }

    void responded(CommandResponse response, Instant now) {
        lastResponse = response;
        lastUsed = now;
    }

    boolean isExpired(Instant now, Duration timeout) {
        return lastUsed.plus(timeout).isBefore(now);
    }
}
