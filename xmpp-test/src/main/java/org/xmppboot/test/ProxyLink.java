package org.xmppboot.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection through a {@link FaultProxy}: the client's socket, the socket to the target, and a
 * {@link Direction} each way. An orderly end of stream is passed on as a half-close, so each side finishes
 * what it sends; a reset or failed write on either side resets both, as a dead path would.
 */
final class ProxyLink {

    private static final int CHUNK = 16 * 1024;
    /**
     * Chunks read but not yet written, per direction: room for a delay's worth of traffic, small enough that a
     * stalled or slow receiver soon stops the reading, and so pushes back on the sender.
     */
    private static final int QUEUED_CHUNKS = 64;

    private final FaultProxy proxy;
    private final Socket client;
    private final Socket target;
    private final List<Direction> directions;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger open = new AtomicInteger(2);

    ProxyLink(FaultProxy proxy, Socket client, Socket target, String name) {
        this.proxy = proxy;
        this.client = client;
        this.target = target;
        this.directions = List.of(new Direction(client, target, proxy.toTarget, name + "-to-target"),
                new Direction(target, client, proxy.toClient, name + "-to-client"));
    }

    void start() {
        for (Direction d : directions) {
            d.reader.start();
            d.writer.start();
        }
    }

    /** Resets both sides; false when the link had already ended. */
    boolean abort() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        FaultProxy.reset(client);
        FaultProxy.reset(target);
        stopThreads();
        return true;
    }

    /** Closes both sides in an orderly way. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            FaultProxy.closeQuietly(client);
            FaultProxy.closeQuietly(target);
            stopThreads();
        }
    }

    private void stopThreads() {
        // The sockets are closed first, so no interrupt can close one before the reset has gone out.
        for (Direction d : directions) {
            d.reader.interrupt();
            d.writer.interrupt();
        }
        proxy.closed(this);
    }

    /** A direction has passed its end of stream on; when both have, the connection is over. */
    private void ended() {
        if (open.decrementAndGet() == 0) {
            close();
        }
    }

    private record Chunk(byte[] bytes, long due) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    /**
     * Bytes from one socket to the other: a reader that waits while the proxy is stalled and stamps each chunk
     * with the time it is due, and a writer that waits for that time (and for the stall to end) before writing.
     */
    private final class Direction {
        private final Socket from;
        private final Socket to;
        private final AtomicLong forwarded;
        private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        final Thread reader;
        final Thread writer;

        Direction(Socket from, Socket to, AtomicLong forwarded, String name) {
            this.from = from;
            this.to = to;
            this.forwarded = forwarded;
            this.reader = daemon(this::read, name + "-read");
            this.writer = daemon(this::write, name + "-write");
        }

        private void read() {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                while (true) {
                    // Not reading while stalled is what makes the back-pressure: the kernel buffers fill.
                    proxy.flow.awaitFlowing();
                    int n = in.read(buffer);
                    if (n < 0) {
                        chunks.put(END);
                        return;
                    }
                    chunks.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + proxy.flow.delayNanos()));
                }
            } catch (InterruptedException e) {
                // the link has ended
            } catch (IOException e) {
                abort(); // a reset or a failed write passes on to the other side; after our own close, a no-op
            }
        }

        private void write() {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk chunk = chunks.take();
                    if (chunk == END) {
                        halfClose();
                        return;
                    }
                    FaultProxy.sleepNanos(chunk.due - System.nanoTime());
                    proxy.flow.awaitFlowing();
                    out.write(chunk.bytes);
                    forwarded.addAndGet(chunk.bytes.length);
                }
            } catch (InterruptedException e) {
                // the link has ended
            } catch (IOException e) {
                abort(); // a reset or a failed write passes on to the other side; after our own close, a no-op
            }
        }

        private void halfClose() {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // the other side is gone already; ended() closes what is left
            }
            ended();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
