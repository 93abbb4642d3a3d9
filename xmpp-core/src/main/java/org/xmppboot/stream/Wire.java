package org.xmppboot.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The send side of a {@link Connection}: what goes on the wire, in order (bytes, or an action to run on the send
 * thread between two writes), and the send thread that writes it, gathering each burst into few writes and sending
 * a whitespace keepalive when idle.
 *
 * <p>A write may block for as long as the peer reads nothing; nothing else waits for this thread, and whatever
 * bounds a connection's life (its close timeout) does so by closing the transport, which ends a blocked write.
 * Anything that fails here ends the connection.
 */
final class Wire {

    private static final byte[] KEEPALIVE = {' '};
    /** About one TLS record: larger bursts go out in pieces of this size. */
    private static final int MAX_WRITE = 16 * 1024;

    private final Connection connection;
    private final Transport transport;
    private final long keepaliveMillis;
    /** Bytes, or a Runnable to run on the send thread. */
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    final Thread thread;

    // Send thread only: what one burst gathers into few writes.
    private final ArrayList<byte[]> batch = new ArrayList<>();
    private int batchBytes;

    /** @param header our stream header, the first thing written */
    Wire(Connection connection, Transport transport, StreamConfig config, byte[] header) {
        this.connection = connection;
        this.transport = transport;
        this.keepaliveMillis = config.keepaliveInterval().toMillis();
        queue.add(header);
        thread = StreamThreads.create(config.name() + "-send", config.virtualThreads(), this::loop);
    }

    /** Queues bytes. */
    void write(byte[] bytes) {
        queue.add(bytes);
    }

    /** Runs {@code action} on the send thread once everything queued before it is written and flushed. */
    void then(Runnable action) {
        queue.add(action);
    }

    /** Wakes the send thread, so that it sees its connection has ended. */
    void wake() {
        queue.add(KEEPALIVE);
    }

    /** Runs an action on the transport from the send thread, after what is queued, and waits for it. */
    void runAndWait(XMLStream.TransportAction action, Duration timeout) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        then(() -> {
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

    private void loop() {
        try {
            while (!connection.isEnded()) {
                Object item = keepaliveMillis > 0 ? queue.poll(keepaliveMillis, TimeUnit.MILLISECONDS) : queue.take();
                if (connection.isEnded()) {
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
                        batch.add(bytes);
                        batchBytes += bytes.length;
                        if (batchBytes >= MAX_WRITE) {
                            writeBatch();
                        }
                    } else {
                        writeBatch();
                        transport.flush();
                        ((Runnable) item).run();
                        if (connection.isEnded()) {
                            return;
                        }
                    }
                    item = queue.poll();
                } while (item != null);
                writeBatch();
                transport.flush();
            }
        } catch (InterruptedException e) {
            // Nobody left to write: the connection cannot go on.
            connection.end("the send thread was interrupted", e);
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            connection.end(connection.isEnded() ? "closed" : "write failed: " + e.getMessage(), e);
        } catch (Throwable t) {
            connection.failed("the send thread", t);
        }
    }

    private void writeBatch() throws IOException {
        if (batch.size() == 1) {
            byte[] only = batch.get(0);
            transport.write(only, 0, only.length);
        } else if (batch.size() > 1) {
            byte[] joined = new byte[batchBytes];
            int at = 0;
            for (byte[] bytes : batch) {
                System.arraycopy(bytes, 0, joined, at, bytes.length);
                at += bytes.length;
            }
            transport.write(joined, 0, joined.length);
        }
        batch.clear();
        batchBytes = 0;
    }
}
