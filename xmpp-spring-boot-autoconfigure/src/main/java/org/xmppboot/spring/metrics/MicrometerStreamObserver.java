package org.xmppboot.spring.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.sm.StreamManagement;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.IqTimeoutException;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.StreamObserver;
import org.xmppboot.stream.XMLStream;
import org.xmppboot.xml.XmlElement;

/**
 * Records a connection's event queue, handlers and stanzas in Micrometer. Meter names are part of the
 * contract (dashboards depend on them): {@code xmpp.event.queue.size}, {@code xmpp.event.queue.wait},
 * {@code xmpp.events.dispatched} (kind, name), {@code xmpp.handler.duration} (handler, outcome),
 * {@code xmpp.stanzas} (direction, kind), {@code xmpp.reconnects}, {@code xmpp.outbound.queued}, and for a client
 * with stream management {@code xmpp.sm.unacked} and {@code xmpp.sm.resent}.
 */
public class MicrometerStreamObserver implements StreamObserver {

    /** The observation of an iq request we send. */
    public static final String IQ_OBSERVATION = "xmpp.iq";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
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
        this(registry, ObservationRegistry.NOOP, stream);
    }

    /**
     * @param observations where each iq request we send is observed as {@value #IQ_OBSERVATION}, from sending to
     *     its response, with the low-cardinality keys {@code xmpp.iq.type} (get, set), {@code xmpp.iq.namespace}
     *     (the payload's) and {@code xmpp.iq.outcome} (result, error, timeout, failed)
     */
    public MicrometerStreamObserver(MeterRegistry registry, ObservationRegistry observations, XMLStream stream) {
        this.registry = registry;
        this.observations = observations;
        Gauge.builder("xmpp.event.queue.size", stream, XMLStream::eventQueueSize)
                .description("Entries waiting in the event queue").register(registry);
        Gauge.builder("xmpp.outbound.queued", stream, XMLStream::heldStanzaCount)
                .description("Sent stanzas waiting for the session").register(registry);
        StreamManagement sm = stream instanceof ClientXMPP client ? client.streamManagement() : null;
        if (sm != null) {
            Gauge.builder("xmpp.sm.unacked", sm, StreamManagement::unackedCount)
                    .description("Sent stanzas the server has not acknowledged yet").register(registry);
            FunctionCounter.builder("xmpp.sm.resent", sm, StreamManagement::resentTotal)
                    .description("Stanzas sent again after a resumption or a new session").register(registry);
        }
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

    @Override
    public @Nullable Object iqSent(Iq request) {
        if (observations.isNoop()) {
            return null;
        }
        XmlElement payload = request.getPayload();
        Iq.Type type = request.getIqType();
        return Observation.createNotStarted(IQ_OBSERVATION, observations)
                .contextualName("xmpp iq " + (payload == null ? "" : payload.name()))
                .lowCardinalityKeyValue("xmpp.iq.type", type == null ? "none" : type.value())
                .lowCardinalityKeyValue("xmpp.iq.namespace", payload == null ? "none" : payload.namespace())
                .start();
    }

    @Override
    public void iqCompleted(Object observation, Iq request, @Nullable Iq response, @Nullable Throwable failure) {
        Observation o = (Observation) observation;
        String outcome = response != null ? (response.getIqType() == Iq.Type.RESULT ? "result" : "error")
                : failure instanceof IqTimeoutException ? "timeout" : "failed";
        o.lowCardinalityKeyValue("xmpp.iq.outcome", outcome);
        if (failure != null) {
            o.error(failure);
        }
        o.stop();
    }
}
