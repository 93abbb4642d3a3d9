package org.xmppboot.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.stanza.StanzaRegistry;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlStreamException;
import org.xmppboot.xml.XmlStreamParser;
import org.xmppboot.xml.XmlWriter;

/**
 * One connection of an {@link XMLStream}: a transport, its parser, its read and send threads, and the state that
 * belongs to this connection alone: what its read thread has queued but not yet published, the peer's stream
 * header and the last stream error the peer sent on it.
 *
 * <p>A stream goes through many connections (a reconnect is a new one). {@link XMLStream#connect} starts the
 * next as soon as the previous one has <em>ended</em>, which can be before the previous read thread has run its
 * last lines (it may still be in {@link XMLStream#connectionEnded}, or finishing the socket read it was
 * parsing). Keeping this state here, and nothing of it on the stream, is what lets that late thread clean up
 * after its own connection without touching the next one's.
 */
final class Connection implements XmlStreamParser.Listener, InboundTracker.Source {

    // The stream's logger: what a connection logs is the stream's story, and logging is configured by that name.
    private static final Logger log = LoggerFactory.getLogger(XMLStream.class);

    private static final String CLOSE_TAG = "</stream:stream>";
    private static final byte[] CLOSE = CLOSE_TAG.getBytes(StandardCharsets.UTF_8);
    /** The most characters of a reason (which may quote the peer) that go into our stream error and logs. */
    private static final int MAX_QUOTED = 256;

    private final XMLStream stream;
    private final StreamConfig config;
    private final StanzaRegistry registry;
    private final EventDispatcher events;
    private final Inbound inbound;
    final Transport transport;
    private final XmlStreamParser parser;
    /** The send thread and what it writes. */
    private final Wire wire;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Set once {@link #end} has raised {@code disconnected} and run the stream's recovery. */
    private volatile boolean endReported;
    private final AtomicBoolean closeSent = new AtomicBoolean();
    /** Stanzas received after our closing tag (read thread only). */
    private int receivedAfterClose;
    /** Why our closing tag (or stream error) went out: the reason the connection ends with once both sides closed. */
    private volatile @Nullable String closeReason;
    private volatile boolean requested;
    /** This connection's timers (the bounds on closing, the negotiation deadline): cancelled when it ends. */
    private final Queue<ScheduledFuture<?>> timers = new ConcurrentLinkedQueue<>();
    /**
     * Created with the connection, so that it is known before it runs: an entry raised on this thread joins this
     * connection's read batch ({@link EventDispatcher#enqueue}), and a future refuses to block it
     * ({@link XMLStream#isStreamThread}).
     */
    final Thread readThread;

    /**
     * Entries the read thread queues while it works through one socket read, published in one go when the read
     * is done (or before it waits for room), so that a burst costs the event thread one wake-up. Read thread only.
     */
    private final ArrayList<EventDispatcher.Entry> readBatch = new ArrayList<>();
    private volatile @Nullable XmlElement peerHeader;
    private volatile @Nullable StreamError lastStreamError;

    /**
     * @param header our stream header: the first thing on the wire, queued before anyone can see the connection
     *               (a stanza sent meanwhile must not overtake it)
     */
    Connection(XMLStream stream, Transport transport, byte[] header) {
        this.stream = stream;
        this.config = stream.config;
        this.registry = stream.registry;
        this.events = stream.events;
        this.inbound = stream.inbound;
        this.transport = transport;
        this.parser = new XmlStreamParser(config.xmlLimits(), this);
        wire = new Wire(this, transport, config, header);
        readThread = StreamThreads.create(config.name() + "-read", config.virtualThreads(), this::readLoop);
    }

    void start() {
        wire.thread.start();
        readThread.start();
    }

    @Override
    public boolean isEnded() {
        return ended.get();
    }

    boolean isEndReported() {
        return endReported;
    }

    @Nullable XmlElement peerHeader() {
        return peerHeader;
    }

    @Nullable StreamError lastStreamError() {
        return lastStreamError;
    }

    /** Queues bytes for the send thread. */
    void write(byte[] bytes) {
        wire.write(bytes);
    }

    /**
     * Runs an action on the transport from the send thread, after everything queued before it is written and
     * flushed, and waits for it: a TLS upgrade must not race a write (not even a keepalive).
     */
    void onSendThread(XMLStream.TransportAction action, Duration timeout) throws IOException {
        wire.runAndWait(action, timeout);
    }

    /**
     * Restarts the stream from an in-stream handler: the parser starts a new document after the element being
     * handled (dropping what was read with it, over a new layer), and our new header goes out.
     */
    void restart(boolean discardReceived, byte[] header) {
        if (Thread.currentThread() != readThread) {
            throw new IllegalStateException("restartStream() must be called from an in-stream handler");
        }
        if (discardReceived) {
            parser.requestResetDiscardingRest();
        } else {
            parser.requestReset();
        }
        peerHeader = null;
        wire.write(header);
    }

    // ------------------------------------------------------------ read thread

    /** Queues an entry from this connection's read thread, to be published with the rest of the socket read. */
    void batch(EventDispatcher.Entry entry) {
        readBatch.add(entry);
    }

    /** Queues a received stanza's entry, waiting for room in the event queue if the event thread is behind. */
    void batchInbound(EventDispatcher.Entry entry) {
        if (!events.inboundRoom.tryAcquire()) {
            publishReadBatch(); // the event thread must see what we hold before it can make room
            try {
                events.inboundRoom.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for room in the event queue", e);
            }
        }
        readBatch.add(entry);
    }

    private void publishReadBatch() {
        if (!readBatch.isEmpty()) {
            events.publish(readBatch);
            readBatch.clear();
        }
    }

    private void readLoop() {
        try {
            read();
        } catch (Throwable t) {
            // read() lets nothing through by design; should anything still come, the connection ends all the same.
            failed("the read thread", t);
        } finally {
            // This connection's own batch (the 'disconnected' raised above, a last stanza): possibly after the
            // stream has moved on to a new connection, which has a batch of its own.
            try {
                publishReadBatch();
            } catch (Throwable t) {
                failed("the read thread", t);
            }
        }
    }

    private void read() {
        byte[] buffer = new byte[4 * 1024]; // JSSE buffers whole records itself; this is only a window on them
        try {
            while (!ended.get()) {
                int n = transport.read(buffer);
                if (n < 0) {
                    end("the peer closed the connection", null);
                    return;
                }
                try {
                    parser.feed(buffer, 0, n);
                } finally {
                    publishReadBatch();
                }
            }
        } catch (XmlStreamException e) {
            // The reason often quotes the offending input: quoted safely, or writing it would fail in turn.
            String reason = XmlWriter.quotable(String.valueOf(e.getMessage()), MAX_QUOTED);
            log.warn("[{}] closing the stream with <{}/>: {}", config.name(), e.condition(), reason);
            sendStreamErrorAndClose(StreamError.Condition.fromElementName(e.condition()), reason);
        } catch (IOException e) {
            end(ended.get() ? "closed" : "read failed: " + e.getMessage(), e);
        } catch (Throwable t) {
            // OutOfMemoryError, StackOverflowError, a bug: never leave a socket open with nobody reading.
            failed("the read thread", t);
        }
    }

    /**
     * A throwable on one of this connection's threads (or a timer of it): the connection ends first, so that the
     * socket is closed and recovery starts even if reporting fails too (as it may, out of memory).
     */
    void failed(String where, Throwable t) {
        end(where + " failed: " + t, t);
        try {
            log.error("[{}] {} failed; the connection is closed", config.name(), where, t);
        } catch (Throwable ignored) {
            // nothing left to report with
        }
    }

    @Override
    public void streamStart(XmlElement header, String namespace) throws XmlStreamException {
        if (!header.is("stream", XMLStream.STREAM_NAMESPACE)) {
            throw new XmlStreamException("invalid-namespace", "The stream root is " + header.qualifiedName()
                    + ", not {" + XMLStream.STREAM_NAMESPACE + "}stream");
        }
        String expected = stream.defaultNamespace();
        if (!namespace.equals(expected)) {
            throw new XmlStreamException("invalid-namespace",
                    "The stream's content namespace is '" + namespace + "', not '" + expected + "'");
        }
        peerHeader = header;
        stream.streamStarted(header);
    }

    @Override
    public void element(XmlElement element) {
        inbound.process(registry.wrap(element), this);
    }

    /**
     * A stream error from the peer ends the stream (RFC 6120 §4.9.1.1): the peer should close it next, and we answer
     * with our closing tag at once, so that a peer that keeps the stream open cannot keep the connection.
     */
    void streamErrorReceived(StreamError error) {
        lastStreamError = error;
        close("stream error from the peer: " + error.getCondition().elementName());
    }

    @Override
    public void streamEnd() {
        // RFC 6120 §4.4: answer the peer's closing tag with ours, then close the connection.
        close("the peer closed the stream");
    }

    // ------------------------------------------------------------ closing

    /**
     * Sends our closing tag (once), and ends the connection when the peer's arrives or after
     * {@link StreamConfig#closeTimeout()}.
     */
    void close(String reason) {
        requested |= stream.isClosed();
        if (closeSent.compareAndSet(false, true)) {
            closeReason = reason;
            wire.write(CLOSE);
            if (!parser.isInStream()) {
                wire.then(() -> end(reason, null));
            }
            // RFC 6120 §4.4: wait for the peer's closing tag, but not for ever; nor for a write that never returns
            // (a peer that reads nothing fills the TCP window), which is why this does not wait for the send thread.
            endWithin(config.closeTimeout(), reason);
        } else {
            // Both sides have sent their closing tag (or we sent a stream error).
            String first = closeReason;
            wire.then(() -> end(first != null ? first : reason, null));
        }
    }

    /**
     * Sends a stream error with our closing tag, and ends the connection once they are written, or after
     * {@link StreamConfig#closeTimeout()} if the write does not return (RFC 6120 §4.9.1.1). Never throws: the text,
     * which may quote the peer, is quoted safely, and anything else that fails ends the connection at once.
     */
    void sendStreamErrorAndClose(StreamError.Condition condition, @Nullable String text) {
        String reason = "stream error: " + condition.elementName()
                + (text == null ? "" : " (" + XmlWriter.quotable(text, MAX_QUOTED) + ")");
        try {
            if (closeSent.compareAndSet(false, true)) {
                closeReason = reason;
                wire.write(streamErrorBytes(condition, text));
            }
            wire.then(() -> end(reason, null));
            endWithin(config.closeTimeout(), reason);
        } catch (Throwable t) {
            end(reason, t);
        }
    }

    private byte[] streamErrorBytes(StreamError.Condition condition, @Nullable String text) {
        String quoted = text == null ? null : XmlWriter.quotable(text, MAX_QUOTED);
        try {
            return stream.outbound.toBytes(StreamError.of(condition, quoted).xml(), CLOSE_TAG);
        } catch (RuntimeException e) {
            // Quoted text always serialises; should that ever change, the condition alone still goes out.
            return stream.outbound.toBytes(StreamError.of(condition, null).xml(), CLOSE_TAG);
        }
    }

    /**
     * Bounds negotiation: a peer that never lets the session open (silent, dripping, stuck in a TLS handshake) gets
     * {@code <connection-timeout/>} after {@code timeout}, instead of holding the connection for ever.
     */
    void limitNegotiation(Duration timeout) {
        schedule(() -> {
            if (!ended.get() && !stream.isSessionOpen()) {
                sendStreamErrorAndClose(StreamError.Condition.CONNECTION_TIMEOUT,
                        "The session was not established within " + timeout.toMillis() + " ms");
            }
        }, timeout);
    }

    /** Ends the connection after {@code bound} if nothing else has: closing the transport unblocks any write. */
    private void endWithin(Duration bound, String reason) {
        schedule(() -> end(reason + " (not closed within " + bound.toMillis() + " ms)", null), bound);
    }

    private void schedule(Runnable task, Duration delay) {
        timers.add(config.scheduler().schedule(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                failed("a timer", t);
            }
        }, delay));
        if (ended.get()) {
            cancelTimers(); // ended meanwhile: the timer must not hold this connection until it fires
        }
    }

    private void cancelTimers() {
        ScheduledFuture<?> timer;
        while ((timer = timers.poll()) != null) {
            timer.cancel(false);
        }
    }

    /**
     * Ends this connection once: closes the transport, stops its threads, raises {@code disconnected}, and lets the
     * stream recover ({@link XMLStream#connectionEnded}). Never throws: it is what every failure path ends with.
     */
    /**
     * Counts a stanza received after our closing tag: the peer sent it before it read the tag. It is handled, but
     * nothing may follow our closing tag (RFC 6120 §4.4), so an answer to it cannot be sent on this connection.
     */
    void countIfAfterClose() {
        if (closeSent.get()) {
            receivedAfterClose++;
            stream.receivedAfterClose.incrementAndGet();
        }
    }

    void end(String reason, @Nullable Throwable cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        cancelTimers();
        if (receivedAfterClose > 0) {
            log.warn("[{}] {} stanzas arrived after our closing tag: they were handled, but answers to them could "
                    + "not be sent on this connection", config.name(), receivedAfterClose);
        }
        try {
            transport.close();
        } catch (Throwable t) {
            // A transport must not throw here; whatever it did, nothing will use it again.
        }
        wire.wake();
        try {
            if (requested) {
                log.debug("[{}] disconnected: {}", config.name(), reason);
            } else {
                log.info("[{}] disconnected: {}", config.name(), reason);
            }
            stream.event("disconnected", reason);
        } catch (Throwable t) {
            // Reporting failed (out of memory?): recovery below matters more.
        }
        try {
            stream.connectionEnded(requested, reason, cause);
        } catch (Throwable t) {
            stream.recoveryFailed(t);
        }
        endReported = true;
        if (stream.isClosed()) {
            // disconnect() came while this end was being reported, and left stopping the stream to it.
            events.stop();
        }
    }

    /** Waits (bounded) for the read and send threads to finish, unless called on one of them. */
    void joinThreads() {
        for (Thread t : new Thread[] {readThread, wire.thread}) {
            if (t != Thread.currentThread()) {
                try {
                    t.join(config.closeTimeout().toMillis() + 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
