package org.xmppboot.iq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiPredicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.IqTimeoutException;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.StreamFuture;
import org.xmppboot.stream.StreamObserver;
import org.xmppboot.stream.StreamThreads;
import org.xmppboot.stream.XMLStream;

/**
 * Matches the iq requests we send with their responses (RFC 6120 §8.2.3): a {@code result} or {@code error} with
 * the request's id, from the address the request went to, completes the request's future; none in time fails it
 * with an {@link IqTimeoutException}. {@code BaseXMPP} owns one and feeds it every received stanza of the open
 * session, on the read thread, before handlers see them.
 *
 * <p>The futures are {@link StreamFuture}s: a response completes one on the event thread, a timeout on a
 * detached thread, never the read or scheduler thread; blocking on one (or on anything chained from it) on the
 * event or read thread fails at once. Timeouts need no event thread.
 */
public final class IqTracker {

    private static final Logger log = LoggerFactory.getLogger(IqTracker.class);

    private final XMLStream stream;
    private final BiPredicate<@Nullable Jid, @Nullable Jid> acceptsResponse;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * @param stream where requests go and responses come from
     * @param acceptsResponse whether a response from the second address may answer a request sent to the first
     */
    public IqTracker(XMLStream stream, BiPredicate<@Nullable Jid, @Nullable Jid> acceptsResponse) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.acceptsResponse = Objects.requireNonNull(acceptsResponse, "acceptsResponse");
    }

    /** A request waiting for its response; it is also its own timeout task, so a request costs one object. */
    private final class Pending implements Runnable {
        final String id;
        final @Nullable Jid to;
        final Duration timeout;
        final CompletableFuture<Iq> future;
        volatile @Nullable ScheduledFuture<?> timer;

        Pending(String id, @Nullable Jid to, Duration timeout, CompletableFuture<Iq> future) {
            this.id = id;
            this.to = to;
            this.timeout = timeout;
            this.future = future;
        }

        /**
         * The timeout, on the scheduler thread, which only hands it over: completing here would run the
         * callbacks on the one timer thread of every stream, and queueing it for the event thread would let a
         * busy handler hold it up (see {@link StreamFuture}).
         */
        @Override
        public void run() {
            if (pending.remove(id, this)) {
                IqTimeoutException timedOut = new IqTimeoutException(id, String.valueOf(to), timeout);
                try {
                    StreamThreads.runDetached(stream.config().virtualThreads(),
                            () -> future.completeExceptionally(timedOut));
                } catch (Throwable t) {
                    // No thread to hand it to (out of memory?): failed here rather than never, and the connection
                    // ends, as for any stream timer that fails.
                    future.completeExceptionally(timedOut);
                    stream.abort("the timeout of iq '" + id + "' failed: " + t);
                }
            }
        }

        void cancelTimer() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    /**
     * Sends an iq get or set (giving it an id if it has none) and returns the future of its response.
     *
     * @param timeout null for the stream's {@link org.xmppboot.stream.StreamConfig#iqTimeout()}
     * @throws IllegalArgumentException for an iq that is not a get or set
     * @throws IllegalStateException when a request with the same id is already waiting
     */
    public CompletableFuture<Iq> send(Iq iq, @Nullable Duration timeout) {
        Iq.Type type = iq.getIqType();
        if (type == null || !type.isRequest()) {
            throw new IllegalArgumentException("Only an iq get or set gets a response; this one is " + type);
        }
        if (iq.getId() == null) {
            iq.setId(stream.newId());
        }
        String id = Objects.requireNonNull(iq.getId());
        Duration wait = timeout != null ? timeout : stream.config().iqTimeout();
        Pending request = new Pending(id, iq.getTo(), wait, stream.newFuture());
        if (pending.putIfAbsent(id, request) != null) {
            throw new IllegalStateException("An iq with id '" + id + "' is already waiting for its response");
        }
        StreamObserver observer = stream.observer();
        Object observation = observer.iqSent(iq);
        if (observation != null) {
            request.future.whenComplete((result, failure) -> {
                // An error response is a response, not a failure to get one.
                Iq error = failure instanceof StanzaErrorException e && e.stanza() instanceof Iq i ? i : null;
                observer.iqCompleted(observation, iq, error != null ? error : result, error != null ? null : failure);
            });
        }
        ScheduledFuture<?> timer = stream.config().scheduler().schedule(request, wait);
        request.timer = timer;
        if (pending.get(id) != request) {
            timer.cancel(false); // answered (or failed) before its timer existed
        }
        try {
            stream.send(iq);
        } catch (RuntimeException e) {
            pending.remove(id, request);
            timer.cancel(false);
            if (observation != null) {
                observer.iqCompleted(observation, iq, null, e);
            }
            throw e;
        }
        return request.future;
    }

    /**
     * Takes a received iq if it is the response to a waiting request, and completes that request on the event
     * thread. Called on the read thread for every received stanza of the open session: it allocates nothing
     * for a stanza it does not take.
     */
    public boolean complete(Iq iq) {
        if (pending.isEmpty()) {
            return false;
        }
        String id = iq.getId();
        Iq.Type type = iq.getIqType();
        if (id == null || type == null || type.isRequest()) {
            return false;
        }
        Pending request = pending.get(id);
        if (request == null) {
            return false;
        }
        Jid from;
        try {
            from = iq.getFrom();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!acceptsResponse.test(request.to, from)) {
            log.debug("[{}] iq '{}' from {} does not answer the request sent to {}", stream.config().name(), id,
                    from, request.to);
            return false;
        }
        if (!pending.remove(id, request)) {
            return false;
        }
        request.cancelTimer();
        stream.runOnEventThread("iq-response", () -> {
            if (type == Iq.Type.RESULT) {
                request.future.complete(iq);
            } else {
                request.future.completeExceptionally(new StanzaErrorException(iq));
            }
        });
        return true;
    }

    /** Fails every waiting request (the stream has closed), on the calling thread. */
    public void failAll(Exception cause) {
        for (Pending request : new ArrayList<>(pending.values())) {
            if (pending.remove(request.id, request)) {
                request.cancelTimer();
                request.future.completeExceptionally(cause);
            }
        }
    }

    /** How many requests wait for their response. */
    public int pendingCount() {
        return pending.size();
    }
}
