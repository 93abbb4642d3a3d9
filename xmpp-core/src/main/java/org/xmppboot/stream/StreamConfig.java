package org.xmppboot.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlLimits;

/**
 * How a stream runs: its threads, queue, limits and timeouts. Immutable; start from {@link #defaults()}.
 *
 * @param name names the stream's threads ({@code NAME-read}, {@code NAME-send}, {@code NAME-event}) and logs
 * @param eventQueueCapacity how many received stanza entries may wait for the event thread before the read
 *     thread stops reading (and TCP pushes back on the peer)
 * @param xmlLimits the bounds on received XML
 * @param handlerExecutor where threaded handlers run; null for a small default pool (or virtual threads)
 * @param virtualThreads run stream threads and default handler threads as virtual threads on Java 21+
 * @param keepaliveInterval send a whitespace keepalive after this long with nothing sent; zero for never
 * @param slowHandlerThreshold log a handler that holds the event thread longer than this, with its stack
 * @param stallTimeout end the connection when a handler holds the event thread longer than this, and open the
 *     next one only once the handler has returned: the server then routes elsewhere (another replica of a
 *     component) or keeps what arrives meanwhile (a client's offline storage or stream management) instead of
 *     handing it to a process that cannot handle it; zero for never
 * @param iqTimeout how long {@code Iq.send()} waits for the response by default
 * @param closeTimeout how long a connection may stay open once its stream is over (after our closing tag or
 *     stream error, or the peer's stream error), whatever the peer does: {@code disconnect()} waits this long for
 *     the peer to close its side, and a write the peer never reads holds the connection no longer than this
 * @param negotiationTimeout how long a connection may take from its start to an open session (TLS, SASL,
 *     binding; a component's handshake); a peer that takes longer gets {@code <connection-timeout/>}, and what
 *     follows is up to the reconnect policy
 * @param maxQueuedOutbound how many sent stanzas may wait for the session (while it is down, reconnecting, or
 *     still being negotiated) before {@code send} refuses more with an {@link OutboundQueueFullException}
 * @param scheduler the timer thread; {@link Scheduler#shared()} serves every stream
 */
public record StreamConfig(
        String name,
        int eventQueueCapacity,
        XmlLimits xmlLimits,
        @Nullable Executor handlerExecutor,
        boolean virtualThreads,
        Duration keepaliveInterval,
        Duration slowHandlerThreshold,
        Duration stallTimeout,
        Duration iqTimeout,
        Duration closeTimeout,
        Duration negotiationTimeout,
        int maxQueuedOutbound,
        Scheduler scheduler) {

    public StreamConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(xmlLimits, "xmlLimits");
        Objects.requireNonNull(scheduler, "scheduler");
        if (eventQueueCapacity < 1) {
            throw new IllegalArgumentException("eventQueueCapacity must be positive, was " + eventQueueCapacity);
        }
        requirePositive("slowHandlerThreshold", slowHandlerThreshold);
        requirePositive("iqTimeout", iqTimeout);
        requirePositive("negotiationTimeout", negotiationTimeout);
        if (maxQueuedOutbound < 1) {
            throw new IllegalArgumentException("maxQueuedOutbound must be positive, was " + maxQueuedOutbound);
        }
        if (keepaliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepaliveInterval cannot be negative");
        }
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException("stallTimeout cannot be negative");
        }
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout cannot be negative");
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    public static StreamConfig defaults() {
        return new StreamConfig("xmpp", 10_000, XmlLimits.DEFAULTS, null, false, Duration.ofSeconds(60),
                Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(30),
                10_000, Scheduler.shared());
    }

    public StreamConfig withName(String name) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtualThreads,
                keepaliveInterval, slowHandlerThreshold, stallTimeout, iqTimeout, closeTimeout, negotiationTimeout, maxQueuedOutbound,
                scheduler);
    }

    public StreamConfig withEventQueueCapacity(int capacity) {
        return new StreamConfig(name, capacity, xmlLimits, handlerExecutor, virtualThreads, keepaliveInterval,
                slowHandlerThreshold, stallTimeout, iqTimeout, closeTimeout, negotiationTimeout, maxQueuedOutbound, scheduler);
    }

    public StreamConfig withXmlLimits(XmlLimits limits) {
        return new StreamConfig(name, eventQueueCapacity, limits, handlerExecutor, virtualThreads,
                keepaliveInterval, slowHandlerThreshold, stallTimeout, iqTimeout, closeTimeout, negotiationTimeout, maxQueuedOutbound,
                scheduler);
    }

    public StreamConfig withHandlerExecutor(@Nullable Executor executor) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, executor, virtualThreads, keepaliveInterval,
                slowHandlerThreshold, stallTimeout, iqTimeout, closeTimeout, negotiationTimeout, maxQueuedOutbound, scheduler);
    }

    public StreamConfig withVirtualThreads(boolean virtual) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtual, keepaliveInterval,
                slowHandlerThreshold, stallTimeout, iqTimeout, closeTimeout, negotiationTimeout, maxQueuedOutbound, scheduler);
    }

    public StreamConfig withKeepaliveInterval(Duration interval) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtualThreads, interval,
                slowHandlerThreshold, stallTimeout, iqTimeout, closeTimeout, negotiationTimeout, maxQueuedOutbound, scheduler);
    }

    public StreamConfig withSlowHandlerThreshold(Duration threshold) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtualThreads,
                keepaliveInterval, threshold, stallTimeout, iqTimeout, closeTimeout, negotiationTimeout, maxQueuedOutbound, scheduler);
    }

    public StreamConfig withStallTimeout(Duration timeout) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtualThreads,
                keepaliveInterval, slowHandlerThreshold, timeout, iqTimeout, closeTimeout, negotiationTimeout,
                maxQueuedOutbound, scheduler);
    }

    public StreamConfig withIqTimeout(Duration timeout) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtualThreads,
                keepaliveInterval, slowHandlerThreshold, stallTimeout, timeout, closeTimeout, negotiationTimeout, maxQueuedOutbound,
                scheduler);
    }

    public StreamConfig withCloseTimeout(Duration timeout) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtualThreads,
                keepaliveInterval, slowHandlerThreshold, stallTimeout, iqTimeout, timeout, negotiationTimeout, maxQueuedOutbound,
                scheduler);
    }

    public StreamConfig withNegotiationTimeout(Duration timeout) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtualThreads,
                keepaliveInterval, slowHandlerThreshold, stallTimeout, iqTimeout, closeTimeout, timeout, maxQueuedOutbound, scheduler);
    }

    public StreamConfig withMaxQueuedOutbound(int max) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtualThreads,
                keepaliveInterval, slowHandlerThreshold, stallTimeout, iqTimeout, closeTimeout, negotiationTimeout, max, scheduler);
    }

    public StreamConfig withScheduler(Scheduler scheduler) {
        return new StreamConfig(name, eventQueueCapacity, xmlLimits, handlerExecutor, virtualThreads,
                keepaliveInterval, slowHandlerThreshold, stallTimeout, iqTimeout, closeTimeout, negotiationTimeout, maxQueuedOutbound,
                scheduler);
    }
}
