package org.xmppboot.stream;

import org.jspecify.annotations.Nullable;

/**
 * Hooks for metrics and tracing on a stream's event queue and traffic. Every method has a no-op default and
 * is called on a stream thread, so implementations must be quick and thread-safe (Micrometer meters are).
 * The queue depth is read with {@link XMLStream#eventQueueSize()}.
 */
public interface StreamObserver {

    StreamObserver NONE = new StreamObserver() {
    };

    /**
     * An entry was taken off the event queue.
     *
     * @param kind {@code stanza}, {@code event} or {@code scheduled}
     * @param name the handler, event or schedule name
     * @param waitNanos how long it waited in the queue
     */
    default void dispatched(String kind, String name, long waitNanos) {
    }

    /** A handler finished; {@code failure} is null on success. */
    default void handlerCompleted(String handler, long durationNanos, @Nullable Throwable failure) {
    }

    /**
     * A stanza was received (after inbound filters) or written to the send queue (after outbound filters).
     *
     * @param kind {@code message}, {@code presence}, {@code iq} or {@code other}
     */
    default void stanza(Direction direction, String kind) {
    }

    /** The stream connected again after losing its connection. */
    default void reconnected() {
    }
}
