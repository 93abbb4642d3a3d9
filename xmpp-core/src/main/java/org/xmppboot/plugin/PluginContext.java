package org.xmppboot.plugin;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaSender;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.EventHandler;
import org.xmppboot.stream.StanzaFilter;
import org.xmppboot.stream.handler.StreamHandler;

/**
 * What a plugin sees of its connection: sending, receiving, events, timers and the other plugins. Each plugin
 * gets its own context, which remembers what the plugin registered through it (handlers, iq handlers, event
 * handlers, filters, timers) and removes all of it when the plugin shuts down, so a plugin's
 * {@link XmppPlugin#shutdown()} only has its own state to release.
 *
 * <p>Threads: the {@code register}/{@code add} methods may be called from any thread; what they register runs
 * as the stream's table of callbacks says (see {@code org.xmppboot.stream}).
 */
public interface PluginContext extends StanzaSender {

    /** The connection's name, for log lines. */
    String connectionName();

    /** Whether the connection is an external component's (XEP-0114) rather than a client's. */
    boolean isComponent();

    /** Our address: the bound full JID of a client, the domain of a component; null before the session. */
    @Nullable Jid boundJid();

    boolean isConnected();

    boolean isSessionEstablished();

    /** How long an iq waits for its response unless told otherwise. */
    Duration iqTimeout();

    /** A new stanza id, unique on this connection. */
    String newId();

    // ---------------------------------------------------------------- making stanzas (their send() goes here)

    Message makeMessage(@Nullable Jid to, @Nullable String body, Message.@Nullable Type type);

    Presence makePresence(@Nullable Jid to, Presence.@Nullable Show show, @Nullable String status,
            Presence.@Nullable Type type);

    /** An iq of this type with a new id. */
    Iq makeIq(Iq.Type type, @Nullable Jid to);

    // ---------------------------------------------------------------- receiving

    /** Answers iq requests on a route, exactly once each (see {@link IqHandler}). */
    void registerIqHandler(String name, IqRoute route, IqHandler handler);

    boolean removeIqHandler(String name);

    void registerHandler(StreamHandler handler);

    boolean removeHandler(String name);

    void addEventHandler(String event, EventHandler handler);

    /** @param threaded run on a worker thread instead of the event thread, so the handler may block */
    void addEventHandler(String event, EventHandler handler, boolean threaded);

    boolean removeEventHandler(String event, EventHandler handler);

    /** Raises an event: handlers registered by name (and Spring's {@code @XmppEvent} methods) receive it. */
    void event(String name, @Nullable Object data);

    void addFilter(Direction direction, StanzaFilter filter, int order);

    boolean removeFilter(Direction direction, StanzaFilter filter);

    // ---------------------------------------------------------------- timers and the connection

    /** Runs a task on the event thread after a delay, or every {@code delay}; replaces a task of the same name. */
    void schedule(String name, Duration delay, Runnable task, boolean repeat);

    boolean cancelSchedule(String name);

    /** Ends the connection as failed (the connection then recovers as after any failure). */
    void abort(String reason);

    /** Another plugin of this connection, or null. Declare it in {@link XmppPlugin#dependencies()} to be sure. */
    <T extends XmppPlugin> @Nullable T plugin(Class<T> type);

    /**
     * The connection itself as a given class, or null if it is not one: for what this interface does not cover,
     * such as a client's stream features. Registrations made directly on it are not removed for the plugin.
     */
    <T> @Nullable T unwrap(Class<T> type);
}
