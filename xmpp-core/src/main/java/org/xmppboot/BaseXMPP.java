package org.xmppboot;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.iq.IqResponder;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.iq.IqTracker;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginRegistry;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.stream.StreamClosedException;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.Transport;
import org.xmppboot.stream.XMLStream;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * XMPP on top of {@link XMLStream}: registers message, presence and iq, makes and sends them, raises the
 * standard events, tracks presence, answers requests nobody handles, and owns the plugins.
 *
 * <p>Events raised: {@code message} (a message with a {@code <body/>}, other than groupchat and error ones),
 * {@code groupchat_message} (a groupchat message with a body), {@code message_without_body} (a message of any
 * type but error that has no body: chat states, receipts, markers, a room's subject), {@code message_error};
 * {@code presence_available}, {@code presence_unavailable}, {@code presence_subscribe},
 * {@code presence_subscribed}, {@code presence_unsubscribe}, {@code presence_unsubscribed},
 * {@code presence_probe}, {@code presence_error}; {@code got_online} (a contact's first resource came online),
 * {@code got_offline} (its last went offline), {@code changed_status} (a resource's show, status or
 * priority changed). Each carries the stanza. {@code reconnecting} (a
 * {@link org.xmppboot.reconnect.Reconnecting}) when another connection attempt is scheduled.
 *
 * <p><b>Staying connected.</b> {@link #connect()} keeps trying: a failed first connect, a negotiation that fails
 * or takes longer than {@link StreamConfig#negotiationTimeout()}, and a lost session are all followed by another
 * attempt under the {@link #reconnectPolicy()}, until a failure that retrying cannot cure (see
 * {@link #connectionState()}). Subclasses say how to reach their server ({@link #openTransport()}) and report
 * the session's outcome ({@link #sessionEstablished}, {@link #negotiationFailed}).
 */
public class BaseXMPP extends XMLStream {

    private static final Logger log = LoggerFactory.getLogger(BaseXMPP.class);

    private final PresenceView presences = new PresenceView();
    private final PluginRegistry plugins = new PluginRegistry(plugin -> new PluginScope(this));
    private final IqTracker iqTracker = new IqTracker(this, this::acceptsResponse);
    private final IqResponder iqResponder = new IqResponder(this);
    private final ConnectionSupervisor supervisor = new ConnectionSupervisor(this, this::closeConnection);
    /** Our own address on the stream: the bound full JID of a client, the domain of a component. */
    protected volatile @Nullable Jid boundJid;

    public BaseXMPP(String defaultNamespace, StreamConfig config) {
        super(defaultNamespace, config);
        registry.register(defaultNamespace, Message.SCHEMA);
        registry.register(defaultNamespace, Presence.SCHEMA);
        registry.register(defaultNamespace, Iq.SCHEMA);
        registerHandler(StreamHandler.of("base:message", Matcher.stanzaPath("message"), this::handleMessage));
        registerHandler(StreamHandler.of("base:presence", Matcher.stanzaPath("presence"), this::handlePresence));
        addEventHandler("disconnected", reason -> {
            if (!sessionMayResume()) {
                presences.clear();
            }
        });
    }

    /**
     * Initialises plugins, then connects; the session must be established within
     * {@link StreamConfig#negotiationTimeout()}.
     */
    @Override
    public void connect(Transport transport) {
        plugins.initAll();
        supervisor.connectionStarted();
        super.connect(transport);
    }

    /**
     * Connects to the server this connection is configured for and negotiates the session in the background,
     * trying again under the {@link #reconnectPolicy()} whenever an attempt fails or the session is lost.
     * {@link org.xmppboot.client.ClientXMPP} and {@link org.xmppboot.component.ComponentXMPP} know their server;
     * a plain BaseXMPP does not, and is connected with {@link #connect(Transport)} instead.
     *
     * @return completes with our address once a session is established; fails when no session will be: a
     *     failure retrying cannot cure (authentication, an untrusted certificate, ...), the policy's attempts
     *     used up, or {@link #disconnect()}
     */
    public CompletableFuture<Jid> connect() {
        startEventThread(); // so that 'reconnecting' reaches handlers even before a first connection
        return supervisor.start();
    }

    /** The future of the current run of attempts: see {@link #connect()}. */
    public CompletableFuture<Jid> sessionFuture() {
        return supervisor.session();
    }

    /** What the connection is doing, since when, and why it is not established. */
    public ConnectionState connectionState() {
        return supervisor.state();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        supervisor.closed();
        return super.disconnect();
    }

    /** No next connection until the stalled handler returns: see {@link StreamConfig#stallTimeout()}. */
    @Override
    protected void eventThreadStalled(String handler, Duration held) {
        supervisor.stalled("handler '" + handler + "' has held the event thread for over "
                + config().stallTimeout().toMillis() + " ms; reconnecting once it returns");
        super.eventThreadStalled(handler, held);
    }

    @Override
    protected void eventThreadRecovered(String handler, Duration held) {
        super.eventThreadRecovered(handler, held);
        supervisor.recovered();
    }

    @Override
    protected void connectionEnded(boolean requested, String reason, @Nullable Throwable cause) {
        if (supervisor.connectionEnded(requested, reason, lastStreamError())) {
            return;
        }
        super.connectionEnded(requested, reason, cause);
        plugins.shutdownAll();
    }

    // =================================================================== what subclasses tell and are asked

    /**
     * Opens a transport to the server (resolving it, TCP, direct TLS), for {@link #connect()}.
     *
     * @throws IOException when no server could be reached; the reconnect policy decides what follows
     */
    protected Transport openTransport() throws IOException {
        throw new UnsupportedOperationException("A " + getClass().getSimpleName()
                + " has no server to connect to: use connect(Transport)");
    }

    /** When to try again; a plain BaseXMPP never does. */
    protected ReconnectPolicy reconnectPolicy() {
        return ReconnectPolicy.DISABLED;
    }

    /** The server, for messages. */
    protected String serverDescription() {
        return "the server";
    }

    /** The failure a stream error from the server means, before the session or as its end. */
    protected Throwable describeStreamError(StreamError error) {
        return new XmppNegotiationException("The server ended the stream with " + error);
    }

    /** Subclasses call this when the session is established: the session future completes. */
    protected final void sessionEstablished(Jid address) {
        supervisor.established(address);
    }

    /**
     * Whether the session can go on over the next connection (a client's stream management resumption): then what
     * is known of contacts' presence is kept when the connection is lost, since the server will not send it again.
     */
    protected boolean sessionMayResume() {
        return false;
    }

    /**
     * Subclasses call this when negotiation fails on the current connection: it is closed, and the reconnect
     * policy decides whether another attempt follows (see {@link ConnectionSupervisor} for what is final).
     */
    protected final void negotiationFailed(Throwable failure) {
        supervisor.negotiationFailed(failure);
    }

    public @Nullable Jid boundJid() {
        return boundJid;
    }

    /** Whether the session is established now: a client's bound resource, a component's accepted handshake. */
    public boolean isSessionEstablished() {
        return isConnected() && isSessionOpen();
    }

    /**
     * What health checks and diagnostics show about the connection, in display order: the account, the server,
     * how it authenticated, since when. Never a secret. Subclasses add what they know.
     */
    public Map<String, Object> connectionDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        Jid bound = boundJid;
        if (bound != null) {
            details.put("jid", bound.bare().toString());
        }
        details.put("tls", isSecure());
        return details;
    }

    public PresenceView presences() {
        return presences;
    }

    // =================================================================== iq requests we answer

    /**
     * Answers the iq requests of a route with a handler, on the event thread, under the iq contract (see
     * {@link IqHandler}): exactly one response per request, whatever the handler returns or throws. A handler of
     * the same name is replaced.
     *
     * @throws IllegalStateException when another handler answers the route already
     */
    public void registerIqHandler(String name, IqRoute route, IqHandler handler) {
        iqResponder.register(name, route, handler, false);
    }

    /**
     * {@link #registerIqHandler(String, IqRoute, IqHandler)}, with {@code threaded}: run on the handler executor
     * (in order per sender) instead of the event thread, for handlers that block. There it is timed as handler
     * {@code name} and its failures counted, as a threaded event handler's; the stream handler that hands the
     * requests over is {@code <name>:hand-off}.
     */
    public void registerIqHandler(String name, IqRoute route, IqHandler handler, boolean threaded) {
        iqResponder.register(name, route, handler, threaded);
    }

    /** Removes an iq handler; its requests are then answered {@code service-unavailable}. */
    public boolean removeIqHandler(String name) {
        return iqResponder.remove(name);
    }

    /** The name of the iq handler that answers this route, or null while it is free. */
    public @Nullable String iqHandlerFor(IqRoute route) {
        return iqResponder.handlerFor(route);
    }

    /**
     * The name of the iq handler whose route this request is, or null: then no iq handler answers it. Cheap
     * enough to ask for every request.
     */
    public @Nullable String iqHandlerFor(Iq request) {
        return iqResponder.handlerFor(request);
    }

    /**
     * Answers one iq get or set with a handler, on the calling thread and under the iq contract, as if it were
     * registered for the request's route: for a stream handler that takes requests by another matcher. Call it
     * from that stream handler, whose run then reports what is thrown.
     *
     * @param name the handler's name, in messages and in the {@code exception} event
     * @throws RuntimeException what the handler failed with, once the request was answered (a checked
     *     exception wrapped in a {@link org.xmppboot.stream.HandlerException})
     */
    public void answerIq(String name, Iq request, IqHandler handler) {
        iqResponder.answer(name, request, handler);
    }

    // =================================================================== iq requests we send

    /**
     * Sends an iq get or set; the future completes with the result, fails with a
     * {@link org.xmppboot.stanza.StanzaErrorException} on an error response, with an
     * {@link org.xmppboot.stanza.IqTimeoutException} after the timeout, or with a {@link StreamClosedException}.
     */
    @Override
    public CompletableFuture<Iq> sendIq(Iq iq, @Nullable Duration timeout) {
        return iqTracker.send(iq, timeout);
    }

    /** The responses to our requests go to their futures, not to handlers. */
    @Override
    protected boolean interceptInbound(StanzaBase stanza) {
        return stanza instanceof Iq iq && iqTracker.complete(iq);
    }

    @Override
    protected void streamClosed(StreamClosedException cause) {
        super.streamClosed(cause);
        iqTracker.failAll(cause);
    }

    // =================================================================== plugins

    public PluginRegistry plugins() {
        return plugins;
    }

    public BaseXMPP registerPlugin(XmppPlugin plugin) {
        plugins.register(plugin);
        return this;
    }

    public BaseXMPP registerPlugin(String name) {
        plugins.register(name);
        return this;
    }

    public @Nullable XmppPlugin plugin(String name) {
        return plugins.get(name);
    }

    public <T extends XmppPlugin> @Nullable T plugin(Class<T> type) {
        return plugins.get(type);
    }

    // =================================================================== making stanzas

    public Message makeMessage(@Nullable Jid to, @Nullable String body, Message.@Nullable Type type) {
        Message message = Message.SCHEMA.create(defaultNamespace());
        message.sender(this);
        message.setTo(to);
        if (type != null) {
            message.setType(type);
        }
        message.setBody(body);
        return message;
    }

    public void sendMessage(Jid to, String body, Message.@Nullable Type type) {
        send(makeMessage(to, body, type));
    }

    public Presence makePresence(@Nullable Jid to, Presence.@Nullable Show show, @Nullable String status,
            Presence.@Nullable Type type) {
        Presence presence = Presence.SCHEMA.create(defaultNamespace());
        presence.sender(this);
        presence.setTo(to);
        if (type != null) {
            presence.setType(type);
        }
        presence.setShow(show);
        presence.setStatus(status);
        return presence;
    }

    /** Sends a plain available presence to the server (initial presence, RFC 6121 §4.2). */
    public void sendPresence() {
        send(makePresence(null, null, null, null));
    }

    public void sendPresence(@Nullable Jid to, Presence.@Nullable Show show, @Nullable String status,
            Presence.@Nullable Type type) {
        send(makePresence(to, show, status, type));
    }

    /** An iq of this type with a new id. */
    public Iq makeIq(Iq.Type type, @Nullable Jid to) {
        Iq iq = Iq.SCHEMA.create(defaultNamespace());
        iq.sender(this);
        iq.setType(type);
        iq.setId(newId());
        iq.setTo(to);
        return iq;
    }

    /** An iq get carrying an empty {@code <query xmlns='queryNamespace'/>}. */
    public Iq makeIqGet(@Nullable String queryNamespace, @Nullable Jid to) {
        return makeIq(Iq.Type.GET, to).setQuery(queryNamespace);
    }

    /** An iq set carrying the payload. */
    public Iq makeIqSet(@Nullable XmlElement payload, @Nullable Jid to) {
        return makeIq(Iq.Type.SET, to).setPayload(payload);
    }

    /** A result for the request with this id. */
    public Iq makeIqResult(String id, @Nullable Jid to) {
        Iq iq = makeIq(Iq.Type.RESULT, to);
        iq.setId(id);
        return iq;
    }

    /** An error response for the request with this id. */
    public Iq makeIqError(String id, StanzaError.Condition condition, @Nullable String text, @Nullable Jid to) {
        Iq iq = makeIq(Iq.Type.ERROR, to);
        iq.setId(id);
        StanzaError error = new StanzaError(iq.xml().addElement("error"));
        error.setType(condition.defaultType());
        error.setCondition(condition);
        if (text != null) {
            error.setText(text);
        }
        return iq;
    }

    // =================================================================== default handlers

    /**
     * Raises the message events. Body-less messages (chat states, receipts, markers, a room's subject) get an
     * event of their own, so a {@code message} handler can rely on a body to read and answer.
     */
    private void handleMessage(StanzaBase stanza) {
        Message message = (Message) stanza;
        Message.Type type = message.getMessageType();
        if (type == Message.Type.ERROR) {
            event("message_error", message);
        } else if (message.getBody() == null) {
            event("message_without_body", message);
        } else {
            event(type == Message.Type.GROUPCHAT ? "groupchat_message" : "message", message);
        }
    }

    private void handlePresence(StanzaBase stanza) {
        Presence presence = (Presence) stanza;
        Presence.Type type = presence.getPresenceType();
        if (type == null) {
            log.debug("[{}] presence of unknown type '{}' ignored", config().name(), presence.getType());
            return;
        }
        Jid from = presence.getFrom();
        switch (type) {
            case AVAILABLE -> {
                event("presence_available", presence);
                if (from != null) {
                    boolean wasOnline = presences.onlineResourceCount(from) > 0;
                    Presence previous = presences.available(from, presence);
                    if (!wasOnline) {
                        event("got_online", presence);
                    }
                    if (previous == null || statusChanged(previous, presence)) {
                        event("changed_status", presence);
                    }
                }
            }
            case UNAVAILABLE -> {
                event("presence_unavailable", presence);
                if (from != null && presences.onlineResourceCount(from) > 0) {
                    presences.unavailable(from);
                    event("changed_status", presence);
                    if (presences.onlineResourceCount(from) == 0) {
                        event("got_offline", presence);
                    }
                }
            }
            default -> event("presence_" + type.value(), presence);
        }
    }

    private static boolean statusChanged(Presence a, Presence b) {
        return a.getShow() != b.getShow() || !Objects.equals(a.getStatus(), b.getStatus())
                || a.getPriority() != b.getPriority();
    }

    /**
     * Every iq get or set gets exactly one response: one that no handler took is answered
     * {@code service-unavailable} (RFC 6120 §8.4), one without a valid type {@code bad-request} (§8.2.3). Those
     * an {@link IqHandler} takes are answered through it; a raw stream handler that takes one owns its response.
     */
    @Override
    protected void unhandled(StanzaBase stanza) {
        if (stanza instanceof Iq iq) {
            Iq.Type type = iq.getIqType();
            if (type == null) {
                if (iq.getId() != null) {
                    send(iq.error(StanzaError.Condition.BAD_REQUEST, "Missing or unknown iq type"));
                }
            } else if (type.isRequest()) {
                send(iq.error(StanzaError.Condition.SERVICE_UNAVAILABLE, null));
            }
            return;
        }
        super.unhandled(stanza);
    }

    /**
     * A message from our own full JID (the client's bound resource, a component's domain) is one we sent, come back,
     * or a forgery: a bot answering it would answer itself. The raw {@code from} is compared first, so a message from
     * anyone else costs an attribute lookup and a string comparison.
     */
    @Override
    protected boolean isFromSelf(StanzaBase stanza) {
        Jid own = boundJid;
        if (own == null || !(stanza instanceof Message)) {
            return false;
        }
        String from = stanza.xml().attribute("from");
        return from != null && own.isSpelledBy(from);
    }

    /**
     * RFC 6120 §8.1.2.1 and §10.3.3: a response comes from where the request went; for a request with no
     * {@code to} (or to our own bare JID) the server answers for the account, from our bare JID or with no
     * {@code from} at all.
     */
    protected boolean acceptsResponse(@Nullable Jid to, @Nullable Jid from) {
        if (Objects.equals(to, from)) {
            return true;
        }
        Jid own = boundJid;
        if (own == null) {
            return false;
        }
        boolean toAccount = to == null || to.equals(own.bare()) || to.equals(own);
        boolean fromAccount = from == null || from.equals(own.bare()) || from.equals(own)
                || from.equals(own.domainJid());
        return toAccount && fromAccount;
    }
}
