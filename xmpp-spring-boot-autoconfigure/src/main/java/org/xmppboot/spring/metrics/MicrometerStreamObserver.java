package org.xmppboot.spring.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.StreamObserver;
import org.xmppboot.stream.XMLStream;

/**
 * Records a connection's event queue, handlers and stanzas in Micrometer. Meter names are part of the
 * contract (dashboards depend on them): {@code xmpp.event.queue.size}, {@code xmpp.event.queue.wait},
 * {@code xmpp.events.dispatched} (kind, name), {@code xmpp.handler.duration} (handler, outcome),
 * {@code xmpp.stanzas} (direction, kind), {@code xmpp.reconnects}, {@code xmpp.outbound.queued}.
 */
public class MicrometerStreamObserver implements StreamObserver {

    private final MeterRegistry registry;
    private final Timer queueWait;
    private final Counter reconnects;
    // Called for every stanza and event on the stream threads: each meter is looked up by plain keys, with no
    // key built per call, and registered once.
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> dispatched = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> succeeded = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> failed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> stanzasIn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> stanzasOut = new ConcurrentHashMap<>();

    public MicrometerStreamObserver(MeterRegistry registry, XMLStream stream) {
        this.registry = registry;
        Gauge.builder("xmpp.event.queue.size", stream, XMLStream::eventQueueSize)
                .description("Entries waiting in the event queue").register(registry);
        Gauge.builder("xmpp.outbound.queued", stream, XMLStream::heldStanzaCount)
                .description("Sent stanzas waiting for the session").register(registry);
        this.queueWait = Timer.builder("xmpp.event.queue.wait")
                .description("Time entries waited in the event queue").register(registry);
        this.reconnects = Counter.builder("xmpp.reconnects")
                .description("Sessions re-established after the connection was lost").register(registry);
    }

    @Override
    public void dispatched(String kind, String name, long waitNanos) {
        queueWait.record(waitNanos, TimeUnit.NANOSECONDS);
        dispatched.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, n -> Counter.builder("xmpp.events.dispatched")
                        .description("Entries taken off the event queue").tag("kind", kind).tag("name", n)
                        .register(registry))
                .increment();
    }

    @Override
    public void handlerCompleted(String handler, long durationNanos, @Nullable Throwable failure) {
        String outcome = failure == null ? "success" : "failure";
        (failure == null ? succeeded : failed).computeIfAbsent(handler, h -> Timer.builder("xmpp.handler.duration")
                .description("Time handlers took").tag("handler", h).tag("outcome", outcome)
                .register(registry)).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stanza(Direction direction, String kind) {
        String dir = direction == Direction.IN ? "in" : "out";
        (direction == Direction.IN ? stanzasIn : stanzasOut).computeIfAbsent(kind, k -> Counter.builder("xmpp.stanzas")
                .description("Stanzas received and sent").tag("direction", dir).tag("kind", k)
                .register(registry)).increment();
    }

    @Override
    public void reconnected() {
        reconnects.increment();
    }
}
