package org.xmppboot.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * The inbound path of an {@link XMLStream}, run by a connection's read thread for every received stanza: the
 * {@link InboundTracker} (stream management's counting), the gate that lets only negotiation through before the
 * session ({@link XMLStream#isSessionOpen()}), the inbound
 * filters, the stream's {@link XMLStream#interceptInbound} hook, waiters, and matching against the stream
 * handlers. In-stream handlers run at once; what matched the others goes into that connection's read batch as
 * one entry for the event thread.
 *
 * <p>It holds the stream handlers and waiters (they are what it matches against) but no connection: the
 * connection whose read thread calls it comes with each stanza.
 */
final class Inbound {

    // The stream's logger, as for everything the stream does.
    private static final Logger log = LoggerFactory.getLogger(XMLStream.class);

    private record Waiter(Matcher matcher, CompletableFuture<StanzaBase> future) {
    }

    private final XMLStream stream;
    private final StreamConfig config;
    private final EventDispatcher events;
    private final String defaultNamespace;
    final FilterChain filters = new FilterChain();
    private final CopyOnWriteArrayList<StreamHandler> handlers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Waiter> waiters = new CopyOnWriteArrayList<>();
    private volatile InboundTracker tracker = InboundTracker.NONE;

    Inbound(XMLStream stream, EventDispatcher events, String defaultNamespace) {
        this.stream = stream;
        this.config = stream.config;
        this.events = events;
        this.defaultNamespace = defaultNamespace;
    }

    // =================================================================== what received stanzas are matched against

    /** Adds a stream handler; a handler of the same name is replaced. */
    void register(StreamHandler handler) {
        handlers.removeIf(h -> h.name().equals(handler.name()));
        handlers.add(handler);
    }

    boolean remove(String name) {
        return handlers.removeIf(h -> h.name().equals(name));
    }

    List<StreamHandler> handlers() {
        return List.copyOf(handlers);
    }

    /** A future for the next stanza of the open session the matcher accepts; fails after the timeout. */
    CompletableFuture<StanzaBase> waitFor(Matcher matcher, Duration timeout) {
        Waiter waiter = new Waiter(matcher, stream.newFuture());
        waiters.add(waiter);
        ScheduledFuture<?> timer = config.scheduler().schedule(Failures.guardTimer(stream, "waiter", () -> {
            if (waiters.remove(waiter)) {
                // Not on the scheduler thread (shared by every stream) nor behind a busy event thread.
                StreamThreads.runDetached(config.virtualThreads(), () -> waiter.future.completeExceptionally(
                        new TimeoutException("No matching stanza within " + timeout.toMillis() + " ms: " + matcher)));
            }
        }), timeout);
        waiter.future.whenComplete((s, e) -> timer.cancel(false));
        return waiter.future;
    }

    void failWaiters(Exception cause) {
        for (Waiter waiter : waiters) {
            waiters.remove(waiter);
            waiter.future.completeExceptionally(cause);
        }
    }

    void track(InboundTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    // =================================================================== the read thread's work, per stanza

    /** Processes a stanza that {@code connection}'s read thread has just parsed and wrapped. */
    void process(StanzaBase received, Connection connection) {
        // Read before the tracker looks: a connection ends (and the session with it) first, so a stanza the tracker
        // still counts was received in an open session and goes on. Read after, a connection ending in between (a
        // failed write, on the send thread) would drop a stanza already counted, and so claimed in <resume h/>.
        boolean open = stream.isSessionOpen();
        // First of all, before the gate: stream management counts what the peer sent, not what we let through.
        if (tracker.received(received.xml(), connection)) {
            return;
        }
        if (!open && !(received instanceof StreamError) && !stream.isNegotiation(received.xml())) {
            log.debug("[{}] <{}/> in {} received before the session; dropped", config.name(),
                    received.xml().name(), received.xml().namespace());
            return;
        }
        StanzaBase stanza = open ? filters.apply(received) : received;
        if (stanza == null) {
            return;
        }
        stanza.sender(stream);
        stream.observer().stanza(Direction.IN, kindOf(stanza.xml(), defaultNamespace));
        if (stanza instanceof StreamError error) {
            log.warn("[{}] stream error from the peer: {}", config.name(), error);
            connection.streamErrorReceived(error);
            stream.event("stream_error", error);
            return; // the peer closes the stream next
        }
        if (!open) {
            dispatchNegotiation(stanza);
            return;
        }
        connection.countIfAfterClose();
        if (stream.interceptInbound(stanza)) {
            return;
        }
        if (!waiters.isEmpty()) { // no iterator per stanza when nobody waits, the usual case
            for (Waiter waiter : waiters) {
                if (waiter.matcher.matches(stanza) && waiters.remove(waiter)) {
                    StanzaBase copy = stanza.copy();
                    connection.batch(new EventDispatcher.TaskEntry("waiter", () -> waiter.future.complete(copy),
                            System.nanoTime()));
                }
            }
        }
        List<StreamHandler> matched = null;
        boolean anyInStream = false;
        boolean fromSelf = stream.isFromSelf(stanza);
        for (StreamHandler handler : handlers) {
            if ((!fromSelf || handler.acceptsOwnMessages()) && handler.matcher().matches(stanza) && handler.claim()) {
                if (handler.isOnce()) {
                    handlers.remove(handler);
                }
                if (matched == null) {
                    matched = new ArrayList<>(2);
                }
                matched.add(handler);
                anyInStream |= handler.isInStream();
            }
        }
        if (matched == null) {
            if (fromSelf) {
                log.debug("[{}] a message from our own address reached no handler: {}", config.name(),
                        stanza.xml().attribute("from"));
            } else {
                stream.unhandled(stanza);
            }
            return;
        }
        List<StreamHandler> queued = matched;
        if (anyInStream) {
            queued = new ArrayList<>(matched.size());
            for (StreamHandler handler : matched) {
                if (handler.isInStream()) {
                    runInStream(handler, matched.size() == 1 ? stanza : stanza.copy());
                } else {
                    queued.add(handler);
                }
            }
        }
        if (!queued.isEmpty()) {
            // One entry for all handlers: the event thread gives each its own copy (see dispatch), which keeps
            // the read thread's share of the work, and the queue traffic, at one entry per stanza.
            connection.batchInbound(new EventDispatcher.StanzaEntry(stanza, queued, System.nanoTime()));
        }
    }

    /** Before the session: the negotiation element goes to the in-stream handlers alone. */
    private void dispatchNegotiation(StanzaBase stanza) {
        boolean handled = false;
        for (StreamHandler handler : handlers) {
            if (handler.isInStream() && handler.matcher().matches(stanza) && handler.claim()) {
                if (handler.isOnce()) {
                    handlers.remove(handler);
                }
                runInStream(handler, handled ? stanza.copy() : stanza);
                handled = true;
            }
        }
        if (!handled) {
            log.debug("[{}] negotiation element <{}/> not handled", config.name(), stanza.xml().name());
        }
    }

    private void runInStream(StreamHandler handler, StanzaBase stanza) {
        Throwable failure = events.runTimed(handler.name(), () -> handler.run(stanza), stanza, false);
        if (failure != null) {
            // Negotiation state is unknown after a failed in-stream handler: end the connection.
            throw new IllegalStateException("In-stream handler '" + handler.name() + "' failed: " + failure, failure);
        }
    }

    /** The kind a {@link StreamObserver} counts: {@code message}, {@code presence}, {@code iq} or {@code other}. */
    static String kindOf(XmlElement xml, String defaultNamespace) {
        if (xml.namespace().equals(defaultNamespace)) {
            switch (xml.name()) {
                case "message":
                case "presence":
                case "iq":
                    return xml.name();
                default:
                    break;
            }
        }
        return "other";
    }
}
