package org.xmppboot.test;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whether a {@link FaultProxy} forwards bytes now, and how late: the stall and delay that every connection's
 * readers and writers consult before each chunk.
 */
final class ProxyFlow {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean stalled;
    private boolean timed;
    private long resumeAt; // System.nanoTime() at which a timed stall ends
    private volatile long delayNanos;

    /** Stalls until {@link #resume()}, or with {@code timed} until {@code until} ({@link System#nanoTime()}). */
    void stall(boolean timed, long until) {
        set(true, timed, until);
    }

    void resume() {
        set(false, false, 0);
    }

    private void set(boolean stall, boolean isTimed, long until) {
        lock.lock();
        try {
            stalled = stall;
            timed = isTimed;
            resumeAt = until;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isStalled() {
        lock.lock();
        try {
            return stalled && (!timed || resumeAt - System.nanoTime() > 0);
        } finally {
            lock.unlock();
        }
    }

    /** Returns when bytes may flow; a connection that closes interrupts its threads out of here. */
    void awaitFlowing() throws InterruptedException {
        lock.lock();
        try {
            while (stalled) {
                if (timed) {
                    long left = resumeAt - System.nanoTime();
                    if (left <= 0) {
                        stalled = false;
                        changed.signalAll();
                        return;
                    }
                    changed.awaitNanos(left);
                } else {
                    changed.await();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void delayNanos(long nanos) {
        delayNanos = nanos;
    }

    long delayNanos() {
        return delayNanos;
    }
}
