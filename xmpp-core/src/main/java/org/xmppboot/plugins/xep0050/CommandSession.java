package org.xmppboot.plugins.xep0050;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

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
    /** The responses of the stages before the current one, the latest first. */
    private final Deque<CommandResponse> earlier = new ArrayDeque<>();
    private volatile int stage;
    private volatile @Nullable CommandResponse lastResponse;
    private volatile Instant lastUsed;
    /** The answer to the latest step taken; the next step starts when it is done. Guarded by this. */
    private CompletableFuture<?> latestStep = CompletableFuture.completedFuture(null);

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
     * How many forms the requester has answered on the way to this step: 0 when the command starts, 1 when
     * the first form comes back, and so on; going back with {@code prev} takes one away.
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

    /** Before the handler answers a step: the first one, or a form coming back. */
    synchronized void answering(boolean start) {
        stage = start ? 0 : earlier.size() + 1;
    }

    /** A response is sent; a new form after a submitted one is a further stage that {@code prev} returns from. */
    synchronized void responded(CommandResponse response, Instant now) {
        CommandResponse last = lastResponse;
        if (stage > 0 && last != null && response.isExecuting()) {
            earlier.push(last);
        }
        lastResponse = response;
        lastUsed = now;
    }

    /** Goes back one stage: the response to send again, or null at the first stage. */
    synchronized @Nullable CommandResponse back(Instant now) {
        CommandResponse previous = earlier.poll();
        if (previous != null) {
            stage = earlier.size();
            lastResponse = previous;
            lastUsed = now;
        }
        return previous;
    }

    /**
     * Runs a step of this session once the step before it is answered, so that the command's code never runs
     * for two steps of one session at the same time. A step that need not wait runs at once, on this thread;
     * one that waited runs through {@code resume}.
     *
     * @return the step's answer; a step that throws fails it
     */
    <T> CompletableFuture<T> afterPreviousStep(Executor resume, Callable<? extends CompletionStage<T>> step) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        CompletableFuture<?> previous;
        synchronized (this) {
            previous = latestStep;
            latestStep = answer;
        }
        if (previous.isDone()) {
            take(step, answer);
        } else {
            previous.whenComplete((done, failure) -> resume.execute(() -> take(step, answer)));
        }
        return answer;
    }

    private static <T> void take(Callable<? extends CompletionStage<T>> step, CompletableFuture<T> answer) {
        try {
            step.call().whenComplete((value, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(failure);
                } else {
                    answer.complete(value);
                }
            });
        } catch (Exception | Error e) {
            answer.completeExceptionally(e);
        }
    }

    boolean isExpired(Instant now, Duration timeout) {
        return lastUsed.plus(timeout).isBefore(now);
    }
}
