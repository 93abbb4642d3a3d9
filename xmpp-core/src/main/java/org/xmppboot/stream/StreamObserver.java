package org.xmppboot.stream;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.Iq;

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

    /**
     * An iq get or set is about to be sent, on the sender's thread. What is returned (a span, an observation)
     * comes back in {@link #iqCompleted}; null, the default, means the request's outcome is not wanted.
     */
    default @Nullable Object iqSent(Iq request) {
        return null;
    }

    /**
     * The request ended: {@code response} is the result or error iq, or null when {@code failure} says why none
     * came (a timeout, the connection closed, the send refused).
     */
    default void iqCompleted(Object observation, Iq request, @Nullable Iq response, @Nullable Throwable failure) {
    }
}
