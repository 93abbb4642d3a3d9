package org.xmppboot.spring.metrics;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.xmppboot.spring.listener.HandlerObservation;

/**
 * Each call of an annotated handler method as a Micrometer {@link Observation} named {@value #NAME}, current
 * while the method runs (so Spring Boot's tracing makes it a span, parent of what the method does), with the
 * low-cardinality keys {@code xmpp.handler} (the handler's id) and {@code xmpp.handler.kind} ({@code stanza},
 * {@code iq}, {@code event} or {@code command}). A method returning a future is observed until it returns, not
 * until the future completes.
 */
public final class MicrometerHandlerObservation implements HandlerObservation {

    public static final String NAME = "xmpp.handler";

    private final ObservationRegistry registry;

    public MicrometerHandlerObservation(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public @Nullable Object observe(String handlerId, String kind, @Nullable Object payload, Call call)
            throws Throwable {
        Observation observation = Observation.createNotStarted(NAME, registry).contextualName("xmpp " + handlerId)
                .lowCardinalityKeyValues(KeyValues.of("xmpp.handler", handlerId, "xmpp.handler.kind", kind));
        return observation.observeChecked(call::proceed);
    }
}
