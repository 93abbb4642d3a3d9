package org.xmppboot.stream;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The event queue of one stream: many producers, one consumer (the event thread). Unbounded by itself; received
 * stanzas are bounded by {@link EventDispatcher}'s permits, which is where back-pressure belongs.
 *
 * <p>Built for the hand-off cost rather than the lock: waking a parked thread costs more than parsing a
 * stanza, so producers publish a whole socket read's worth of entries at once ({@link #addAll}) with at most
 * one wake-up, and the consumer takes everything queued in one go ({@link #drainTo}).
 */
final class EventQueue<E> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<E> entries = new ArrayDeque<>();
    private boolean consumerWaiting;
    private volatile int size;

    void add(E entry) {
        lock.lock();
        try {
            entries.add(entry);
            published();
        } finally {
            lock.unlock();
        }
    }

    void addAll(Collection<? extends E> batch) {
        if (batch.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            entries.addAll(batch);
            published();
        } finally {
            lock.unlock();
        }
    }

    private void published() {
        size = entries.size();
        if (consumerWaiting) {
            notEmpty.signal();
        }
    }

    /** Waits until something is queued, then moves up to {@code max} entries to {@code out}, oldest first. */
    void drainTo(ArrayDeque<E> out, int max) throws InterruptedException {
        lock.lock();
        try {
            while (entries.isEmpty()) {
                consumerWaiting = true;
                try {
                    notEmpty.await();
                } finally {
                    consumerWaiting = false;
                }
            }
            for (int i = 0; i < max && !entries.isEmpty(); i++) {
                out.add(entries.poll());
            }
            size = entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Moves whatever is queued to {@code out} without waiting. */
    void drainAvailable(ArrayDeque<E> out) {
        lock.lock();
        try {
            out.addAll(entries);
            entries.clear();
            size = 0;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return size;
    }
}
