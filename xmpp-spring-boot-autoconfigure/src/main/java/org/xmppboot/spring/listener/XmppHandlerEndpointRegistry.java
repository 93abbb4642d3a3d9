package org.xmppboot.spring.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * The annotated handlers of the application, by id: list them, and stop or start one at run time (as
 * spring-kafka's {@code KafkaListenerEndpointRegistry} does for listeners).
 */
public class XmppHandlerEndpointRegistry implements DisposableBean {

    private final Map<String, XmppHandlerEndpoint> endpoints = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Registers and starts an endpoint. */
    public void register(XmppHandlerEndpoint endpoint) {
        synchronized (endpoints) {
            XmppHandlerEndpoint previous = endpoints.get(endpoint.id());
            if (previous != null) {
                throw new IllegalStateException("Two XMPP handlers have the id '" + endpoint.id() + "': "
                        + previous.description() + " and " + endpoint.description() + "; give one an explicit id");
            }
            checkEvent(endpoint);
            checkRoute(endpoint);
            endpoints.put(endpoint.id(), endpoint);
        }
        endpoint.start();
    }

    /** A threaded stanza handler runs as the event named by its id: no event handler may listen to that name. */
    private void checkEvent(XmppHandlerEndpoint endpoint) {
        String event = endpoint instanceof AbstractXmppHandlerEndpoint e ? e.event() : null;
        if (event == null) {
            return;
        }
        AbstractXmppHandlerEndpoint added = (AbstractXmppHandlerEndpoint) endpoint;
        for (XmppHandlerEndpoint other : endpoints.values()) {
            if (other instanceof AbstractXmppHandlerEndpoint existing && event.equals(existing.event())
                    && (added.ownsEvent() || existing.ownsEvent())) {
                AbstractXmppHandlerEndpoint threaded = added.ownsEvent() ? added : existing;
                throw new IllegalStateException("The threaded stanza handler '" + threaded.id() + "' runs as the "
                        + "connection event of that name, which " + (threaded == added ? existing : added)
                        + " also handles; give the stanza handler another id");
            }
        }
    }

    /** An iq request gets exactly one response: one method per route. */
    private void checkRoute(XmppHandlerEndpoint endpoint) {
        if (!(endpoint instanceof IqHandlerEndpoint added)) {
            return;
        }
        for (XmppHandlerEndpoint other : endpoints.values()) {
            if (other instanceof IqHandlerEndpoint existing && existing.route().equals(added.route())) {
                throw new IllegalStateException("Two @StanzaHandler methods answer " + added.route() + ": "
                        + existing.method() + " and " + added.method() + "; an iq request gets exactly one response, "
                        + "so a route has one handler");
            }
        }
    }

    public @Nullable XmppHandlerEndpoint getEndpoint(String id) {
        return endpoints.get(id);
    }

    public Collection<XmppHandlerEndpoint> getEndpoints() {
        synchronized (endpoints) {
            return new ArrayList<>(endpoints.values());
        }
    }

    /** Stops a handler: the connection no longer calls it. */
    public void stop(String id) {
        require(id).stop();
    }

    /** Starts a stopped handler again. */
    public void start(String id) {
        require(id).start();
    }

    private XmppHandlerEndpoint require(String id) {
        XmppHandlerEndpoint endpoint = endpoints.get(id);
        if (endpoint == null) {
            throw new IllegalArgumentException("No XMPP handler with id '" + id + "'; known: " + endpoints.keySet());
        }
        return endpoint;
    }

    /** Unregisters every handler from the connection. */
    @Override
    public void destroy() {
        getEndpoints().forEach(XmppHandlerEndpoint::stop);
    }
}
