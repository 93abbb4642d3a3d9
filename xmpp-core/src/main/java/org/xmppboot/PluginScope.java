package org.xmppboot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.EventHandler;
import org.xmppboot.stream.StanzaFilter;
import org.xmppboot.stream.handler.StreamHandler;

/**
 * One plugin's {@link PluginContext} on a {@link BaseXMPP}: passes everything through and remembers what was
 * registered, so that {@link #close()} removes it when the plugin shuts down.
 */
final class PluginScope implements PluginContext, AutoCloseable {

    private final BaseXMPP xmpp;
    private final Set<String> iqHandlers = new LinkedHashSet<>();
    private final Set<String> handlers = new LinkedHashSet<>();
    private final List<Map.Entry<String, EventHandler>> eventHandlers = new ArrayList<>();
    private final List<Map.Entry<Direction, StanzaFilter>> filters = new ArrayList<>();
    private final Set<String> schedules = new LinkedHashSet<>();

    PluginScope(BaseXMPP xmpp) {
        this.xmpp = xmpp;
    }

    @Override
    public String connectionName() {
        return xmpp.config().name();
    }

    @Override
    public boolean isComponent() {
        return ComponentXMPP.NAMESPACE.equals(xmpp.defaultNamespace());
    }

    @Override
    public @Nullable Jid boundJid() {
        return xmpp.boundJid();
    }

    @Override
    public boolean isConnected() {
        return xmpp.isConnected();
    }

    @Override
    public boolean isSessionEstablished() {
        return xmpp.isSessionEstablished();
    }

    @Override
    public Duration iqTimeout() {
        return xmpp.config().iqTimeout();
    }

    @Override
    public String newId() {
        return xmpp.newId();
    }

    @Override
    public Message makeMessage(@Nullable Jid to, @Nullable String body, Message.@Nullable Type type) {
        return xmpp.makeMessage(to, body, type);
    }

    @Override
    public Presence makePresence(@Nullable Jid to, Presence.@Nullable Show show, @Nullable String status,
            Presence.@Nullable Type type) {
        return xmpp.makePresence(to, show, status, type);
    }

    @Override
    public Iq makeIq(Iq.Type type, @Nullable Jid to) {
        return xmpp.makeIq(type, to);
    }

    @Override
    public void send(StanzaBase stanza) {
        xmpp.send(stanza);
    }

    @Override
    public CompletableFuture<Iq> sendIq(Iq iq, @Nullable Duration timeout) {
        return xmpp.sendIq(iq, timeout);
    }

    @Override
    public synchronized void registerIqHandler(String name, IqRoute route, IqHandler handler) {
        xmpp.registerIqHandler(name, route, handler);
        iqHandlers.add(name);
    }

    @Override
    public synchronized boolean removeIqHandler(String name) {
        iqHandlers.remove(name);
        return xmpp.removeIqHandler(name);
    }

    @Override
    public synchronized void registerHandler(StreamHandler handler) {
        xmpp.registerHandler(handler);
        handlers.add(handler.name());
    }

    @Override
    public synchronized boolean removeHandler(String name) {
        handlers.remove(name);
        return xmpp.removeHandler(name);
    }

    @Override
    public void addEventHandler(String event, EventHandler handler) {
        addEventHandler(event, handler, false);
    }

    @Override
    public synchronized void addEventHandler(String event, EventHandler handler, boolean threaded) {
        xmpp.addEventHandler(event, handler, threaded, false);
        eventHandlers.add(Map.entry(event, handler));
    }

    @Override
    public synchronized boolean removeEventHandler(String event, EventHandler handler) {
        eventHandlers.remove(Map.entry(event, handler));
        return xmpp.removeEventHandler(event, handler);
    }

    @Override
    public void event(String name, @Nullable Object data) {
        xmpp.event(name, data);
    }

    @Override
    public synchronized void addFilter(Direction direction, StanzaFilter filter, int order) {
        xmpp.addFilter(direction, filter, order);
        filters.add(Map.entry(direction, filter));
    }

    @Override
    public synchronized boolean removeFilter(Direction direction, StanzaFilter filter) {
        filters.remove(Map.entry(direction, filter));
        return xmpp.removeFilter(direction, filter);
    }

    @Override
    public synchronized void schedule(String name, Duration delay, Runnable task, boolean repeat) {
        xmpp.schedule(name, delay, task, repeat);
        schedules.add(name);
    }

    @Override
    public synchronized boolean cancelSchedule(String name) {
        schedules.remove(name);
        return xmpp.cancelSchedule(name);
    }

    @Override
    public void abort(String reason) {
        xmpp.abort(reason);
    }

    @Override
    public <T extends XmppPlugin> @Nullable T plugin(Class<T> type) {
        return xmpp.plugin(type);
    }

    @Override
    public <T> @Nullable T unwrap(Class<T> type) {
        return type.isInstance(xmpp) ? type.cast(xmpp) : null;
    }

    /** Removes everything registered through this context. */
    @Override
    public synchronized void close() {
        iqHandlers.forEach(xmpp::removeIqHandler);
        handlers.forEach(xmpp::removeHandler);
        eventHandlers.forEach(e -> xmpp.removeEventHandler(e.getKey(), e.getValue()));
        filters.forEach(f -> xmpp.removeFilter(f.getKey(), f.getValue()));
        schedules.forEach(xmpp::cancelSchedule);
        iqHandlers.clear();
        handlers.clear();
        eventHandlers.clear();
        filters.clear();
        schedules.clear();
    }
}
