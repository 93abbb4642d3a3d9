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
 * <p>Without {@code threaded}, core registers it under the handler's id and runs it on the event thread, timed
 * as that handler. With it, core runs it on the handler executor; see {@link TimedIqHandler}.
 */
final class IqHandlerEndpoint extends AbstractXmppHandlerEndpoint {

    private final BaseXMPP xmpp;
    private final IqRoute route;
    private final String method;
    private final IqHandler handler;
    private final @Nullable TimedIqHandler timed;
    private boolean eventRegistered;

    private IqHandlerEndpoint(String id, IqRoute route, String method, BaseXMPP xmpp, IqHandler handler,
            @Nullable TimedIqHandler timed) {
        super(id, "iq " + route + (timed != null ? " (threaded)" : ""));
        this.xmpp = xmpp;
        this.route = route;
        this.method = method;
        this.handler = handler;
        this.timed = timed;
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
        TimedIqHandler timed = annotation.threaded() ? new TimedIqHandler(id, handler, xmpp) : null;
        return new IqHandlerEndpoint(id, route, HandlerMethod.describe(method), xmpp,
                timed != null ? timed : handler, timed);
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
    @Nullable String event() {
        return timed == null ? null : id();
    }

    @Override
    boolean ownsEvent() {
        return timed != null;
    }

    /** The name core knows it by: a threaded handler's stream handler only hands requests to the executor. */
    private String name() {
        return timed == null ? id() : id() + StanzaHandlerEndpoint.HAND_OFF;
    }

    @Override
    void register() {
        if (timed != null && !eventRegistered) {
            if (xmpp.eventHandlerCount(id()) > 0) {
                throw new IllegalStateException("The threaded @StanzaHandler '" + id() + "' runs as the event of "
                        + "that name, which already has handlers; give the handler another id");
            }
            xmpp.addEventHandler(id(), timed.eventHandler());
            eventRegistered = true;
        }
        try {
            xmpp.registerIqHandler(name(), route, handler, timed != null);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(method + " cannot answer " + route + ": " + e.getMessage(), e);
        }
    }

    /** Requests already handed to the executor are still answered by the method. */
    @Override
    void unregister() {
        xmpp.removeIqHandler(name());
    }
}
