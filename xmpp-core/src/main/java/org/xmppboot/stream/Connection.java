package org.xmppboot.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.stanza.StanzaRegistry;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlStreamException;
import org.xmppboot.xml.XmlStreamParser;

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

    private static final byte[] KEEPALIVE = {' '};
    private static final byte[] CLOSE = "</stream:stream>".getBytes(StandardCharsets.UTF_8);
    /** About one TLS record: larger bursts go out in pieces of this size. */
    private static final int MAX_WRITE = 16 * 1024;

    private final XMLStream stream;
    private final StreamConfig config;
    private final StanzaRegistry registry;
    private final EventDispatcher events;
    private final Inbound inbound;
    final Transport transport;
    private final XmlStreamParser parser;
    /** What the send thread writes, in order: bytes, or a Runnable to run on the send thread. */
    private final LinkedBlockingQueue<Object> wire = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private volatile boolean requested;
    /**
     * Created with the connection, so that it is known before it runs: an entry raised on this thread joins this
     * connection's read batch ({@link EventDispatcher#enqueue}), and a future refuses to block it
     * ({@link XMLStream#isStreamThread}).
     */
    final Thread readThread;
    private final Thread sendThread;

    /**
     * Entries the read thread queues while it works through one socket read, published in one go when the read
     * is done (or before it waits for room), so that a burst costs the event thread one wake-up. Read thread only.
     */
    private final ArrayList<EventDispatcher.Entry> readBatch = new ArrayList<>();
    private volatile @Nullable XmlElement peerHeader;
    private volatile @Nullable StreamError lastStreamError;

    // Send thread only: what one burst gathers into few writes.
    private final ArrayList<byte[]> sendBatch = new ArrayList<>();
    private int sendBatchBytes;

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
        wire.add(header);
        sendThread = StreamThreads.create(config.name() + "-send", config.virtualThreads(), this::sendLoop);
        readThread = StreamThreads.create(config.name() + "-read", config.virtualThreads(), this::readLoop);
    }

    void start() {
        sendThread.start();
        readThread.start();
    }

    @Override
    public boolean isEnded() {
        return ended.get();
    }

    @Nullable XmlElement peerHeader() {
        return peerHeader;
    }

    @Nullable StreamError lastStreamError() {
        return lastStreamError;
    }

    /** Queues bytes for the send thread. */
    void write(byte[] bytes) {
        wire.add(bytes);
    }

    /**
     * Runs an action on the transport from the send thread, after everything queued before it is written and
     * flushed, and waits for it: a TLS upgrade must not race a write (not even a keepalive).
     */
    void onSendThread(XMLStream.TransportAction action, Duration timeout) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        wire.add((Runnable) () -> {
            try {
                action.run(transport);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        } catch (TimeoutException e) {
            throw new IOException("Timed out after " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        }
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
        wire.add(header);
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
            log.warn("[{}] closing the stream with <{}/>: {}", config.name(), e.condition(), e.getMessage());
            sendStreamErrorAndClose(StreamError.Condition.fromElementName(e.condition()), e.getMessage());
        } catch (IOException e) {
            end(ended.get() ? "closed" : "read failed: " + e.getMessage(), e);
        } catch (Throwable t) {
            // OutOfMemoryError, StackOverflowError, a bug: never leave a socket open with nobody reading.
            log.error("[{}] the read thread failed; closing the connection", config.name(), t);
            end("read thread failed: " + t, t);
        } finally {
            // This connection's own batch (the 'disconnected' raised above, a last stanza): possibly after the
            // stream has moved on to a new connection, which has a batch of its own.
            publishReadBatch();
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

    /** Remembers a stream error the peer sent; it closes the stream next. */
    void streamErrorReceived(StreamError error) {
        lastStreamError = error;
    }

    @Override
    public void streamEnd() {
        // RFC 6120 §4.4: answer the peer's closing tag with ours, then close the connection.
        close("the peer closed the stream");
    }

    // ------------------------------------------------------------ send thread

    private void writeBatch() throws IOException {
        if (sendBatch.size() == 1) {
            byte[] only = sendBatch.get(0);
            transport.write(only, 0, only.length);
        } else if (sendBatch.size() > 1) {
            byte[] joined = new byte[sendBatchBytes];
            int at = 0;
            for (byte[] bytes : sendBatch) {
                System.arraycopy(bytes, 0, joined, at, bytes.length);
                at += bytes.length;
            }
            transport.write(joined, 0, joined.length);
        }
        sendBatch.clear();
        sendBatchBytes = 0;
    }

    private void sendLoop() {
        long keepaliveMillis = config.keepaliveInterval().toMillis();
        try {
            while (!ended.get()) {
                Object item = keepaliveMillis > 0 ? wire.poll(keepaliveMillis, TimeUnit.MILLISECONDS) : wire.take();
                if (ended.get()) {
                    return;
                }
                if (item == null) {
                    transport.write(KEEPALIVE, 0, 1);
                    transport.flush();
                    continue;
                }
                // Gather everything queued into few large writes: one TLS record and one system call per burst
                // instead of per stanza, and no buffer held between bursts.
                do {
                    if (item instanceof byte[] bytes) {
                        sendBatch.add(bytes);
                        sendBatchBytes += bytes.length;
                        if (sendBatchBytes >= MAX_WRITE) {
                            writeBatch();
                        }
                    } else {
                        writeBatch();
                        transport.flush();
                        ((Runnable) item).run();
                        if (ended.get()) {
                            return;
                        }
                    }
                    item = wire.poll();
                } while (item != null);
                writeBatch();
                transport.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            end(ended.get() ? "closed" : "write failed: " + e.getMessage(), e);
        } catch (Throwable t) {
            log.error("[{}] the send thread failed; closing the connection", config.name(), t);
            end("send thread failed: " + t, t);
        }
    }

    // ------------------------------------------------------------ closing

    /** Sends our closing tag (once), and ends the connection when the peer's arrives or after a timeout. */
    void close(String reason) {
        requested |= stream.isClosed();
        if (closeSent.compareAndSet(false, true)) {
            wire.add(CLOSE);
            if (parser.isInStream()) {
                config.scheduler().schedule(() -> end(reason + " (the peer did not close in time)", null),
                        config.closeTimeout());
            } else {
                wire.add((Runnable) () -> end(reason, null));
            }
        } else {
            // Both sides have sent their closing tag.
            wire.add((Runnable) () -> end(reason, null));
        }
    }

    void sendStreamErrorAndClose(StreamError.Condition condition, @Nullable String text) {
        if (closeSent.compareAndSet(false, true)) {
            wire.add(stream.outbound.toBytes(StreamError.of(condition, text).xml(), "</stream:stream>"));
        }
        wire.add((Runnable) () -> end("stream error: " + condition.elementName(), null));
    }

    /** Ends this connection once: closes the transport, stops its threads, raises {@code disconnected}. */
    void end(String reason, @Nullable Throwable cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        transport.close();
        wire.add(KEEPALIVE); // wakes the send thread so it sees 'ended'
        if (requested) {
            log.debug("[{}] disconnected: {}", config.name(), reason);
        } else {
            log.info("[{}] disconnected: {}", config.name(), reason);
        }
        stream.event("disconnected", reason);
        stream.connectionEnded(requested, reason, cause);
    }

    /** Waits (bounded) for the read and send threads to finish, unless called on one of them. */
    void joinThreads() {
        for (Thread t : new Thread[] {readThread, sendThread}) {
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
