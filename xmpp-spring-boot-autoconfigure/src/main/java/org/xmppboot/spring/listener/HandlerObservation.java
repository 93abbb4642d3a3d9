package org.xmppboot.spring.listener;

import org.jspecify.annotations.Nullable;

/**
 * Wraps each call of an annotated handler method, for tracing: with Micrometer's {@code ObservationRegistry} in
 * the application, every call is an observation named {@code xmpp.handler} (see
 * {@code org.xmppboot.spring.metrics.MicrometerHandlerObservation}). Looked up as a bean; none means calls are
 * not wrapped.
 */
public interface HandlerObservation {

    /** One call of the method. */
    @FunctionalInterface
    interface Call {
        @Nullable Object proceed() throws Throwable;
    }

    /**
     * Runs the call in an observation of the handler.
     *
     * @param handlerId the handler's id, {@code bean.method} unless the annotation names it
     * @param kind {@code stanza}, {@code iq} (a request the method answers), {@code event} or {@code command}
     *     (a step of an {@code @XmppCommand})
     * @param payload the stanza or event data; for a command, its {@code CommandRequest}
     */
    @Nullable Object observe(String handlerId, String kind, @Nullable Object payload, Call call) throws Throwable;
}
