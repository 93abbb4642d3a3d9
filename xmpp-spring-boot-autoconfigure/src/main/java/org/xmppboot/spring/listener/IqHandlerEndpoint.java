package org.xmppboot.spring.listener;

import java.lang.reflect.Method;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.BaseXMPP;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.spring.annotation.StanzaHandler;

/**
 * A {@link StanzaHandler} method whose path names an iq request and its payload
 * ({@code iq@type=get/{namespace}element}, or {@code set}), registered with core as the {@link IqHandler} of
 * that {@link IqRoute}: core answers every request of the route exactly once, from what the method returns or
 * throws ({@link MethodIqHandler}). Stopping the endpoint removes the iq handler (its requests then get
 * {@code service-unavailable}), starting registers it again. A route has one handler: a second method on it
 * fails start-up ({@link XmppHandlerEndpointRegistry}), as does a route a plugin answers already.
 *
 * <p>Core registers it under the handler's id and times it as that handler: on the event thread, or with
 * {@code threaded} on the handler executor, where a failure is also counted and raised as for threaded event
 * handlers (the stream handler that hands requests over is then {@code <id>:hand-off}).
 */
final class IqHandlerEndpoint extends AbstractXmppHandlerEndpoint {

    private final BaseXMPP xmpp;
    private final IqRoute route;
    private final String method;
    private final IqHandler handler;
    private final boolean threaded;

    private IqHandlerEndpoint(String id, IqRoute route, String method, BaseXMPP xmpp, IqHandler handler,
            boolean threaded) {
        super(id, "iq " + route + (threaded ? " (threaded)" : ""));
        this.xmpp = xmpp;
        this.route = route;
        this.method = method;
        this.handler = handler;
        this.threaded = threaded;
    }

    /**
     * @throws IllegalStateException naming the method, when it can never answer the route's requests
     */
    static IqHandlerEndpoint create(String id, IqRoute route, Method method, HandlerMethod handlerMethod,
            StanzaHandler annotation, BaseXMPP xmpp, @Nullable XmppHandlerErrorHandler errorHandler) {
        for (Class<? extends StanzaBase> type : List.of(handlerMethod.stanzaType(), annotation.type())) {
            if (!type.isAssignableFrom(Iq.class)) {
                throw new IllegalStateException(HandlerMethod.describe(method) + " answers " + route
                        + " but only takes a " + type.getSimpleName() + ": take an Iq (or no stanza at all)");
            }
        }
        IqRoutes.checkReturnType(method, route);
        IqHandler handler = new MethodIqHandler(handlerMethod, xmpp,
                HandlerCondition.parse(annotation.condition(), method), new Recovery(id, errorHandler));
        return new IqHandlerEndpoint(id, route, HandlerMethod.describe(method), xmpp, handler, annotation.threaded());
    }

    /** The requests it answers. */
    IqRoute route() {
        return route;
    }

    /** The annotated method, for messages. */
    String method() {
        return method;
    }

    @Override
    void register() {
        try {
            xmpp.registerIqHandler(id(), route, handler, threaded);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(method + " cannot answer " + route + ": " + e.getMessage(), e);
        }
    }

    /** Requests already handed to the executor are still answered by the method. */
    @Override
    void unregister() {
        xmpp.removeIqHandler(id());
    }
}
