package org.xmppboot.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaRegistry;
import org.xmppboot.stanza.StanzaSender;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * A bidirectional XML stream with SleekXMPP's threading model.
 *
 * <ul>
 *   <li>The <b>read thread</b> feeds transport bytes to the parser, wraps each top-level element in its
 *       stanza class, runs inbound filters, and queues one entry with every matching
 *       {@linkplain #registerHandler stream handler}, publishing a socket read's entries at once.</li>
 *   <li>The <b>event thread</b> drains the one event queue, in order: stanza entries, {@linkplain #event custom
 *       events} and {@linkplain #schedule scheduled events}. Handlers run here and must not block; threaded
 *       event handlers run on an executor instead, serially per sender.</li>
 *   <li>The <b>send thread</b> writes queued stanzas, batching whatever is queued into one flush, and sends a
 *       whitespace keepalive when idle.</li>
 *   <li>A <b>scheduler</b> thread, shared by all streams, fires timers. It runs no user code: a scheduled
 *       callback is queued for the event thread, and a timeout that fails a future is handed to a detached
 *       thread (see {@link StreamFuture} for which thread completes a response future).</li>
 * </ul>
 *
 * <p><b>Back-pressure.</b> Only received stanzas are bounded: when {@link StreamConfig#eventQueueCapacity()}
 * stanza entries wait, the read thread waits for room, stops reading, and TCP pushes back on the peer.
 * Events raised by handlers, timers and other threads never wait: otherwise the event thread could block on
 * its own queue. The send queue is never bounded and the read side never waits on it, and vice versa, so
 * the two directions cannot deadlock each other.
 *
 * <p><b>Failures.</b> A failing handler is logged, counted and raised as an {@code exception} event; the
 * event thread goes on. A handler that holds the event thread longer than
 * {@link StreamConfig#slowHandlerThreshold()} is logged with its stack. Any throwable on the read or send
 * thread (including {@link OutOfMemoryError} and {@link StackOverflowError}) ends the connection, so it never
 * stays open with nobody reading it.
 *
 * <p>Events raised here: {@code connected}, {@code stream_start} (with the peer's header element),
 * {@code stream_error} (with the {@link StreamError}), {@code disconnected} (with the reason),
 * {@code exception} (with a {@link HandlerException}).
 *
 * <p><b>How it is built.</b> This class is the stream's face (and its subclasses' hooks); the work is done by
 * package-private parts with one job each. A {@code Connection} is one transport with its parser, read and send
 * threads and everything that belongs to that connection alone (its read batch, the peer's header, the last
 * stream error), so that a reconnect never shares state with a read thread still finishing the old one. The
 * {@code EventDispatcher} owns the event queue and thread, event handlers, scheduled events and the timing of
 * every handler run. {@code Inbound} is the read thread's work per stanza (the session gate, filters,
 * {@link #interceptInbound}, waiters, matching); {@code Outbound} is the sending side (filters, serialisation,
 * held stanzas, the hand-off to the connection, and the {@link OutboundTracker} seam for XEP-0198).
 *
 * <p>The class is XMPP-agnostic, as in SleekXMPP: it writes and reads elements and knows nothing of iq
 * semantics. It is abstract only for that reason: {@link StanzaSender#sendIq} (correlating an iq request with
 * its response) is XMPP and belongs to {@code BaseXMPP}, which sees received stanzas first through
 * {@link #interceptInbound}.
 */
public abstract class XMLStream implements StanzaSender {

    public static final String STREAM_NAMESPACE = "http://etherx.jabber.org/streams";

    private static final Logger log = LoggerFactory.getLogger(XMLStream.class);

    protected final StreamConfig config;
    protected final StanzaRegistry registry = new StanzaRegistry();
    private final String defaultNamespace;

    /** The event queue, the event thread and the running of handlers. */
    final EventDispatcher events;
    private final String idPrefix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final AtomicLong idCounter = new AtomicLong();
    private volatile StreamObserver observer = StreamObserver.NONE;

    /** The read thread's work per received stanza, and the stream handlers and waiters it matches against. */
    final Inbound inbound;
    /** Filters, serialisation, held stanzas and the hand-off to the connection. */
    final Outbound outbound;
    /** See {@link #stanzasReceivedAfterClose()}. */
    final AtomicLong receivedAfterClose = new AtomicLong();

    /** The current connection (or the last one); every per-connection state lives in it. */
    volatile @Nullable Connection connection;
    private volatile boolean closed;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    /**
     * @param defaultNamespace the stream's content namespace ({@code jabber:client}, {@code jabber:component:accept})
     */
    public XMLStream(String defaultNamespace, StreamConfig config) {
        this.defaultNamespace = Objects.requireNonNull(defaultNamespace, "defaultNamespace");
        this.config = Objects.requireNonNull(config, "config");
        this.events = new EventDispatcher(this, this::finishTermination);
        this.inbound = new Inbound(this, events, defaultNamespace);
        this.outbound = new Outbound(this, defaultNamespace);
        registry.register(STREAM_NAMESPACE, StreamError.SCHEMA);
    }

    public StreamConfig config() {
        return config;
    }

    public String defaultNamespace() {
        return defaultNamespace;
    }

    public StanzaRegistry registry() {
        return registry;
    }

    public void setObserver(StreamObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public StreamObserver observer() {
        return observer;
    }

    // =================================================================== connection lifecycle

    /**
     * Starts the stream over a connected transport: the read and send threads for it, the event thread if it
     * is not running yet, and the stream header. The previous connection, if any, must have ended; its read
     * thread may still be finishing, which is harmless, since it only ever publishes its own connection's batch.
     */
    public void connect(Transport transport) {
        if (closed) {
            throw new IllegalStateException("Stream " + config.name() + " was closed; create a new one");
        }
        Connection previous = connection;
        if (previous != null && !previous.isEnded()) {
            throw new IllegalStateException("Stream " + config.name() + " is already connected");
        }
        events.start();
        Connection c = new Connection(this, transport, streamHeader());
        if (!isSessionOpen()) {
            c.limitNegotiation(config.negotiationTimeout());
        }
        connection = c;
        c.start();
        outbound.connected();
        event("connected", transport.describe());
    }

    /** Whether a transport is connected and not yet ended. */
    public boolean isConnected() {
        Connection c = connection;
        return c != null && !c.isEnded();
    }

    /** Whether the current connection is encrypted. */
    public boolean isSecure() {
        Connection c = connection;
        return c != null && c.transport.isSecure();
    }

    protected @Nullable Transport transport() {
        Connection c = connection;
        return c == null ? null : c.transport;
    }

    /** The peer's stream header of the current stream, or null before it arrived. */
    public @Nullable XmlElement peerHeader() {
        Connection c = connection;
        return c == null ? null : c.peerHeader();
    }

    /**
     * Closes the stream cleanly: writes what is queued, sends {@code </stream:stream>}, waits (at most
     * {@link StreamConfig#closeTimeout()}) for the peer to close its side, closes the transport, lets the event
     * thread finish what is queued, and stops every thread of this stream.
     *
     * @return completes when every thread of this stream has ended
     */
    public CompletableFuture<Void> disconnect() {
        closed = true;
        Connection c = connection;
        if (c == null || c.isEndReported()) {
            events.stop();
        } else if (!c.isEnded()) {
            c.close("disconnect requested");
        }
        // Else the connection is ending on another thread right now: stopping here could stop the event thread
        // before that end's 'disconnected' is queued. The ending thread stops the stream once it has reported it.
        return terminated;
    }

    /**
     * Closes the stream, as {@link #disconnect()}, at the first moment the event queue is empty once every stanza
     * received so far has been through its handlers, and the events they raised through theirs; or after
     * {@code drainTimeout}, whichever comes first. What the handlers send in reply still goes out on this
     * connection. The server stops routing to us only once our closing tag reaches it, and what it sends until
     * then can no longer be answered (RFC 6120 §4.4: nothing may follow our closing tag), so the close is sent from
     * the event thread in an idle moment, the moment least likely to have something on the way. Work handed to
     * threaded handlers is not waited for.
     *
     * @return completes when every thread of this stream has ended
     */
    public CompletableFuture<Void> disconnect(Duration drainTimeout) {
        AtomicBoolean once = new AtomicBoolean();
        Runnable close = () -> {
            if (once.compareAndSet(false, true)) {
                disconnect();
            }
        };
        if (closed || events.isEventThread(Thread.currentThread())) {
            close.run();
        } else {
            config.scheduler().schedule(close, drainTimeout);
            events.runWhenIdle("drain", close);
        }
        return terminated;
    }

    /**
     * The watchdog found a handler holding the event thread past {@link StreamConfig#stallTimeout()} (called on
     * the timer thread). By default the connection is closed, so that the server stops handing us what we cannot
     * handle; {@code BaseXMPP} also holds back the next connection until the handler returns.
     */
    protected void eventThreadStalled(String handler, Duration held) {
        log.error("[{}] handler '{}' has held the event thread for {} ms, past the stall timeout of {} ms: closing "
                + "the connection until it returns", config.name(), handler, held.toMillis(),
                config.stallTimeout().toMillis());
        closeConnection("handler '" + handler + "' stalled the event thread");
    }

    /** The handler that stalled the event thread has returned (called on the event thread). */
    protected void eventThreadRecovered(String handler, Duration held) {
        log.warn("[{}] handler '{}' returned after {} ms; the event thread is free again", config.name(), handler,
                held.toMillis());
    }

    /**
     * Closes the current connection cleanly (our {@code </stream:stream>}, then the transport once the peer has
     * closed or {@link StreamConfig#closeTimeout()} has passed) without closing the stream: what follows is up to
     * {@link #connectionEnded}, as for a connection the peer ended.
     */
    protected void closeConnection(String reason) {
        Connection c = connection;
        if (c != null) {
            c.close(reason);
        }
    }

    /** Starts the event thread ahead of a first connection, so that events raised while connecting run. */
    protected final void startEventThread() {
        if (!closed) {
            events.start();
        }
    }

    /** Ends the connection at once, without closing the stream (as if the network failed). */
    public void abort(String reason) {
        Connection c = connection;
        if (c != null) {
            c.end(reason, null);
        }
    }

    /** Whether {@link #disconnect()} was called (or the stream ended for good). */
    public boolean isClosed() {
        return closed;
    }

    /** The last stream error the peer sent on the current connection, or null. */
    protected @Nullable StreamError lastStreamError() {
        Connection c = connection;
        return c == null ? null : c.lastStreamError();
    }

    /** Sends a stream error and closes the connection (RFC 6120 §4.9): for protocol violations by the peer. */
    protected void failStream(StreamError.Condition condition, @Nullable String text) {
        Connection c = connection;
        if (c != null) {
            c.sendStreamErrorAndClose(condition, text);
        }
    }

    /** Completes when every thread of this stream has ended after {@link #disconnect()}. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /**
     * Called on a stream thread when a connection has ended, after {@code disconnected} is queued. By default
     * the stream then finishes: the event thread drains the queue and stops. {@code ClientXMPP} overrides this
     * to reconnect.
     *
     * @param requested whether {@link #disconnect()} asked for it
     */
    protected void connectionEnded(boolean requested, String reason, @Nullable Throwable cause) {
        closed = true;
        events.stop();
    }

    /**
     * {@link #connectionEnded} threw: a bug in a subclass, or no memory left. What it was to do is unknown, so the
     * stream stops for good rather than hang half-recovered; {@link #terminated()} still completes.
     */
    void recoveryFailed(Throwable failure) {
        try {
            log.error("[{}] recovering from the end of a connection failed; the stream stops", config.name(), failure);
        } catch (Throwable ignored) {
            // out of memory: stopping matters more
        }
        closed = true;
        events.stop();
    }

    /** Once the event thread has stopped: fails what waits, lets go of the stream's threads, says so. */
    private void finishTermination() {
        events.cancelTimers();
        int unsent = outbound.discardHeld();
        if (unsent > 0) {
            log.warn("[{}] closed with {} stanzas never sent: they waited for a session that did not come back",
                    config.name(), unsent);
        }
        StreamClosedException closedCause = new StreamClosedException("Stream " + config.name() + " closed");
        inbound.failWaiters(closedCause);
        try {
            streamClosed(closedCause);
        } catch (RuntimeException e) {
            log.error("[{}] failed to fail what was waiting on the stream", config.name(), e);
        }
        events.awaitThreads(connection, () -> terminated.complete(null));
    }

    /**
     * Called once when the stream has ended for good ({@link #disconnect()}, or a connection loss with no
     * reconnect), on the thread that stops it (usually the event thread, as its last act), before the stream's
     * threads are joined: fail whatever still waits for the peer. Waiters have already failed.
     */
    protected void streamClosed(StreamClosedException cause) {
    }

    // =================================================================== stream header and restarts

    /** The attributes of our stream header besides the namespaces; subclasses add {@code to}. */
    protected Map<String, String> streamHeaderAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("version", "1.0");
        return attributes;
    }

    private byte[] streamHeader() {
        return outbound.streamHeader(streamHeaderAttributes());
    }

    /**
     * Restarts the stream (RFC 6120 §4.3.3, after STARTTLS and SASL): the parser starts a new document right
     * after the element being handled, and a new header is sent. Call it from an in-stream handler.
     */
    protected void restartStream() {
        restartStream(false);
    }

    /**
     * Restarts the stream over a layer just put in place (TLS): whatever the read thread had already received
     * with the element being handled was sent before that layer and is discarded (RFC 6120 §5.4.3.3).
     */
    protected void restartStreamOverNewLayer() {
        restartStream(true);
    }

    private void restartStream(boolean discardReceived) {
        Connection c = connection;
        if (c == null) {
            throw new IllegalStateException("Not connected");
        }
        c.restart(discardReceived, streamHeader());
    }

    /** Called on the read thread when the peer's stream header arrives; the default raises {@code stream_start}. */
    protected void streamStarted(XmlElement header) {
        event("stream_start", header);
    }

    // =================================================================== sending

    /**
     * Sends a stanza: outbound filters, then serialization on this thread (so an unwritable character fails
     * here, not on the wire), then the send queue. While there is no connection, or stanzas are held, it waits
     * in order for the connection.
     */
    @Override
    public void send(StanzaBase stanza) {
        if (closed && !isConnected()) {
            throw new IllegalStateException("Stream " + config.name() + " is closed");
        }
        StanzaBase sent = outbound.send(stanza);
        if (sent != null) {
            observer.stanza(Direction.OUT, Inbound.kindOf(sent.xml(), defaultNamespace));
        }
    }

    /**
     * Writes an element now, ahead of held stanzas: for stream negotiation (STARTTLS, SASL, bind), which must
     * go out while user stanzas wait. A stanza written this way (a negotiation iq, the initial presence) still
     * passes the {@link OutboundTracker}, as every stanza on the wire does.
     */
    protected void sendNegotiation(XmlElement element) {
        Connection c = connection;
        if (c == null || c.isEnded()) {
            throw new IllegalStateException("Not connected");
        }
        outbound.writeNegotiation(c, element);
    }

    /**
     * {@link #sendNegotiation} for a stanza the outbound filters must see as any other (a client's initial
     * presence, which plugins annotate with capabilities or an avatar hash); the filters run on this thread.
     */
    protected void sendNegotiationFiltered(StanzaBase stanza) {
        Connection c = connection;
        if (c == null || c.isEnded()) {
            throw new IllegalStateException("Not connected");
        }
        StanzaBase filtered = outbound.filters.apply(stanza);
        if (filtered != null) {
            outbound.writeNegotiation(c, filtered.xml());
        }
    }

    /**
     * Writes stanzas sent before, exactly as they were written then, ahead of held stanzas and without the
     * {@link OutboundTracker} seeing them again: stream management's re-sending of what the peer did not
     * acknowledge (XEP-0198 §5), which accounts for them itself.
     */
    protected void resend(List<byte[]> stanzas) {
        outbound.resend(stanzas);
    }

    /** An action on the transport that may fail with an I/O error. */
    @FunctionalInterface
    protected interface TransportAction {
        void run(Transport transport) throws IOException;
    }

    /**
     * Runs an action on the send thread, after everything queued before it is written, and waits for it: a
     * TLS upgrade must not race a write (not even a keepalive). Call it from an in-stream handler; the read
     * thread is then not reading either, so the action owns the transport.
     */
    protected void onTransport(TransportAction action, Duration timeout) throws IOException {
        Connection c = connection;
        if (c == null || c.isEnded()) {
            throw new IOException("Not connected");
        }
        c.onSendThread(action, timeout);
    }

    /** Makes {@link #send} hold stanzas until {@link #releaseStanzas()} (during stream negotiation). */
    protected void holdStanzas() {
        outbound.hold();
    }

    /** Writes the held stanzas, in order, and lets later ones through. */
    protected void releaseStanzas() {
        outbound.release();
    }

    /**
     * Sets what sees every stanza as it is handed to the connection, in wire order: stream management's hook for
     * counting and keeping unacknowledged stanzas (XEP-0198). See {@link OutboundTracker}.
     */
    protected void trackOutbound(OutboundTracker tracker) {
        outbound.track(tracker);
    }

    /**
     * Sets what sees every element a connection receives, first: stream management's hook for counting received
     * stanzas and answering ack requests on the read thread (XEP-0198). See {@link InboundTracker}.
     */
    protected void trackInbound(InboundTracker tracker) {
        inbound.track(tracker);
    }

    /** How many stanzas wait for the connection. */
    public int heldStanzaCount() {
        return outbound.heldCount();
    }

    /** A new stanza id, unique within this stream. */
    public String newId() {
        return idPrefix + Long.toString(idCounter.incrementAndGet(), 36);
    }

    /**
     * Runs a task on the event thread, after what is already queued there. For work that must be ordered with
     * handlers, such as completing a future whose callbacks belong on the event thread.
     */
    public void runOnEventThread(String name, Runnable task) {
        events.runOnEventThread(name, task);
    }

    /**
     * A new future for something this stream delivers (a response, an awaited stanza). Blocking on it on this
     * stream's event or read thread fails at once with an {@link IllegalStateException}: that is the thread
     * that would deliver it. See {@link StreamFuture}.
     */
    public <T> CompletableFuture<T> newFuture() {
        return new StreamFuture<>(this);
    }

    /** Whether the thread is this stream's event thread or the read thread of its current connection. */
    boolean isStreamThread(Thread thread) {
        if (events.isEventThread(thread)) {
            return true;
        }
        Connection c = connection;
        return c != null && thread == c.readThread;
    }

    /**
     * Waits for the next received stanza of the open session that the matcher accepts (a copy of it); the
     * stanza still goes to handlers too, and an iq response taken by {@link #interceptInbound} is not seen.
     * The future is a {@link StreamFuture}: it completes on the event thread, or fails with a
     * {@link TimeoutException} on a detached thread.
     *
     * <p>Waiting is generic stanza matching, with the stream handlers' matchers, so it stays here in the
     * XMPP-agnostic stream (SleekXMPP's {@code Waiter} is a stream handler too); iq correlation, which knows
     * ids, types and addressing rules, is {@code BaseXMPP}'s.
     */
    public CompletableFuture<StanzaBase> waitFor(Matcher matcher, Duration timeout) {
        return inbound.waitFor(matcher, timeout);
    }

    // =================================================================== handlers, events, filters, timers

    /** Adds a stream handler; a handler of the same name is replaced. */
    public void registerHandler(StreamHandler handler) {
        inbound.register(handler);
    }

    public boolean removeHandler(String name) {
        return inbound.remove(name);
    }

    public List<StreamHandler> handlers() {
        return inbound.handlers();
    }

    /** Adds an event handler that runs on the event thread for every {@code name} event. */
    public void addEventHandler(String name, EventHandler handler) {
        addEventHandler(name, handler, false, false);
    }

    /**
     * Adds an event handler.
     *
     * @param threaded run on the handler executor instead of the event thread (serially per sender JID)
     * @param disposable run once, then remove
     */
    public void addEventHandler(String name, EventHandler handler, boolean threaded, boolean disposable) {
        events.addEventHandler(name, handler, threaded, disposable);
    }

    public boolean removeEventHandler(String name, EventHandler handler) {
        return events.removeEventHandler(name, handler);
    }

    public int eventHandlerCount(String name) {
        return events.eventHandlerCount(name);
    }

    /** Raises an event through the queue. */
    public void event(String name, @Nullable Object data) {
        event(name, data, false);
    }

    /**
     * Raises an event: one queue entry per handler, each with its own copy of a stanza. With {@code direct},
     * non-threaded handlers run at once on the calling thread instead.
     */
    public void event(String name, @Nullable Object data, boolean direct) {
        events.event(name, data, direct);
    }

    /**
     * Runs a task on the handler executor, after the earlier tasks with the same key (a sender's JID) and in
     * parallel with other keys: how threaded handlers run.
     */
    public void executeThreaded(@Nullable Object key, Runnable task) {
        events.executeThreaded(key, task);
    }

    /**
     * {@link #executeThreaded(Object, Runnable)} for a handler that is not an event handler (a threaded iq
     * handler): timed there as handler {@code name}, and a failure it throws counted, logged and raised as the
     * {@code exception} event with {@code data}, exactly as for a threaded event handler.
     */
    public void executeThreadedHandler(String name, @Nullable Object key, @Nullable Object data, Runnable task) {
        events.executeThreaded(key, () -> events.runTimed(name, task, data, false));
    }

    /**
     * Reports a handler failure that surfaced after the handler returned (a future it returned failed): counted in
     * {@link #handlerFailures()}, logged and raised as the {@code exception} event, as a thrown one is. It is not
     * timed again: the handler's run was timed when it returned.
     */
    public void reportHandlerFailure(String name, Throwable failure, @Nullable Object data) {
        events.reportFailure(name, failure, data, false);
    }

    /** Adds a filter; lower {@code order} runs first. */
    public void addFilter(Direction direction, StanzaFilter filter, int order) {
        (direction == Direction.IN ? inbound.filters : outbound.filters).add(filter, order);
    }

    public boolean removeFilter(Direction direction, StanzaFilter filter) {
        return (direction == Direction.IN ? inbound.filters : outbound.filters).remove(filter);
    }

    /**
     * Schedules {@code callback} to run on the event thread after {@code delay}, and again every {@code delay}
     * if {@code repeat}. A schedule of the same name is replaced.
     */
    public void schedule(String name, Duration delay, Runnable callback, boolean repeat) {
        events.schedule(name, delay, callback, repeat);
    }

    public boolean cancelSchedule(String name) {
        return events.cancelSchedule(name);
    }

    /** Entries waiting in the event queue (a gauge for metrics). */
    public int eventQueueSize() {
        return events.size();
    }

    /** How many handler invocations have failed. */
    public long handlerFailures() {
        return events.handlerFailures();
    }

    /**
     * How many stanzas arrived after our closing tag, over every connection of this stream: the server routed
     * them before it read the tag. They were handled, but answers to them could not be sent.
     */
    public long stanzasReceivedAfterClose() {
        return receivedAfterClose.get();
    }

    // =================================================================== inbound path (read thread)

    /**
     * Whether the session is established, so that received stanzas may reach filters and handlers. Until then
     * only {@linkplain #isNegotiation negotiation} is processed, and only by in-stream handlers: nothing a peer
     * sends before authentication (or before TLS) can reach application code. A plain stream is always open.
     */
    protected boolean isSessionOpen() {
        return true;
    }

    /**
     * Whether an element received before the session is part of its negotiation (stream features, TLS, SASL,
     * the bind result, a component handshake). Stream errors are always processed.
     */
    protected boolean isNegotiation(XmlElement element) {
        return false;
    }

    /**
     * Sees each stanza received in the open session on the read thread, after the inbound filters and before
     * waiters and handlers; returns true to take it, so that nothing else sees it. Nothing received before the
     * session gets here (see {@link #isSessionOpen()}): a response forged during negotiation cannot complete a
     * request. It runs for every stanza, so it must be cheap and must not allocate for stanzas it does not take.
     * {@code BaseXMPP} completes iq responses here; an override calls {@code super} first.
     */
    protected boolean interceptInbound(StanzaBase stanza) {
        return false;
    }

    /**
     * Whether a stanza received in the open session comes from this stream's own address: stream handlers see it only
     * if they {@linkplain StreamHandler#acceptOwnMessages() accept own messages}. Called for every stanza on the read
     * thread, so it must be cheap. {@code BaseXMPP} says so of a message from its bound JID.
     */
    protected boolean isFromSelf(StanzaBase stanza) {
        return false;
    }

    /** Called on the read thread for a stanza no handler matched. */
    protected void unhandled(StanzaBase stanza) {
        log.debug("[{}] unhandled {}", config.name(), stanza.xml().qualifiedName());
    }
}
