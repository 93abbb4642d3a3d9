package org.xmppboot.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link InMemoryTransport} whose writes, once {@link #stall()} is called, block until the transport is closed,
 * as a socket write does when the peer reads nothing and the TCP window is full.
 */
final class StallingTransport implements Transport {

    final InMemoryTransport peer = new InMemoryTransport();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean stalled;
    private final CountDownLatch writeBlocked = new CountDownLatch(1);

    /** From now on every write blocks until {@link #close()}. */
    StallingTransport stall() {
        stalled = true;
        return this;
    }

    /** Whether a write has been blocked within the time given. */
    boolean awaitBlockedWrite(Duration wait) throws InterruptedException {
        return writeBlocked.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        return peer.read(buffer);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (stalled) {
            writeBlocked.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Socket closed");
        }
        peer.write(data, offset, length);
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public String describe() {
        return "stalling";
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    @Override
    public void close() {
        closed.countDown();
        peer.close();
    }
}
