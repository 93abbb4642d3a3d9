package org.xmppboot.client;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.sasl.ChannelBinding;
import org.xmppboot.sasl.Credentials;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.sasl.SaslMechanism;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.stream.SocketTransport;
import org.xmppboot.stream.StreamThreads;
import org.xmppboot.stream.Tls;
import org.xmppboot.stream.Transport;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * An XMPP client connection ({@code jabber:client}): finds the server (DNS SRV), connects with TCP_NODELAY,
 * secures the stream (STARTTLS or direct TLS), authenticates (SASL), binds a resource, optionally fetches the
 * roster and sends initial presence, then raises {@code session_start}.
 *
 * <p>Negotiation runs in in-stream handlers on the read thread. Until the session is established, nothing the
 * server sends reaches user handlers, and what the application sends is held and written, in order, once the
 * session starts.
 *
 * <p>Events: {@code connected}, {@code session_start} (the bound JID), {@code roster_update} (the roster
 * result), {@code failed_auth} (a {@link SaslException}), {@code stream_error}, {@code session_end},
 * {@code reconnecting} (the delay), {@code disconnected}.
 *
 * <p>After an established session is lost, the client reconnects with back-off
 * ({@link ClientConfig#reconnect()}); negotiation failures (TLS, authentication, binding) are final.
 */
public class ClientXMPP extends BaseXMPP {

    public static final String NAMESPACE = "jabber:client";
    static final String FEATURES_PATH = "{http://etherx.jabber.org/streams}features";
    static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String SESSION_NS = "urn:ietf:params:xml:ns:xmpp-session";
    static final String ROSTER_NS = "jabber:iq:roster";
    static final String CHANNEL_BINDING_NS = "urn:xmpp:sasl-cb:0";

    private static final Logger log = LoggerFactory.getLogger(ClientXMPP.class);
    private static final Duration TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private final ClientConfig clientConfig;
    private final SrvResolver resolver;

    // Negotiation state: written on the read thread, read anywhere.
    private volatile boolean authenticated;
    private volatile boolean sessionEstablished;
    private volatile boolean sessionRequired;
    private volatile @Nullable SaslMechanism sasl;
    private volatile @Nullable String mechanism;
    /** The features SASL started from, to choose again after a refused channel binding. */
    private volatile @Nullable XmlElement saslFeatures;
    /** Whether the current SASL attempt binds with a type the server did not announce. */
    private volatile boolean bindingAssumed;
    /** Whether this connection already saw such a binding refused. */
    private volatile boolean bindingRefused;
    private volatile @Nullable Throwable negotiationFailure;
    private final Set<String> negotiationIds = ConcurrentHashMap.newKeySet();

    private volatile CompletableFuture<Jid> session = new CompletableFuture<>();
    private volatile boolean everEstablished;
    private volatile @Nullable Instant sessionSince;
    private volatile @Nullable HostAddress address;
    private volatile int reconnectAttempt;
    private volatile @Nullable ScheduledFuture<?> reconnectTimer;

    public ClientXMPP(ClientConfig config) {
        this(config, new SrvResolver());
    }

    public ClientXMPP(ClientConfig config, SrvResolver resolver) {
        super(NAMESPACE, config.stream());
        this.clientConfig = config;
        this.resolver = resolver;
        registerHandler(StreamHandler.of("client:features", Matcher.xpath(FEATURES_PATH), this::onFeatures)
                .inStream());
        registerHandler(StreamHandler.of("client:starttls", s -> TLS_NS.equals(s.xml().namespace()), this::onTls)
                .inStream());
        registerHandler(StreamHandler.of("client:sasl", s -> SASL_NS.equals(s.xml().namespace()), this::onSasl)
                .inStream());
    }

    public ClientConfig clientConfig() {
        return clientConfig;
    }

    // =================================================================== connecting

    /**
     * Connects: resolves the server, opens TCP (and TLS), and negotiates the session in the background.
     *
     * @return completes with the bound JID at {@code session_start}; fails with the reason the session could not
     *     be established ({@link SaslException} for authentication, {@link ConnectException} when no server
     *     answered, {@link XmppNegotiationException} for TLS and binding problems)
     */
    @Override
    public CompletableFuture<Jid> connect() {
        CompletableFuture<Jid> attempt = newAttempt();
        StreamThreads.start(config().name() + "-connect", config().virtualThreads(), this::openConnection);
        return attempt;
    }

    /** Negotiates a session over an already connected transport (tests, custom transports). */
    @Override
    public void connect(Transport transport) {
        if (session.isDone()) {
            newAttempt();
        }
        authenticated = false;
        sessionEstablished = false;
        sasl = null;
        saslFeatures = null;
        bindingAssumed = false;
        bindingRefused = false;
        negotiationIds.clear();
        holdStanzas();
        super.connect(transport);
    }

    private CompletableFuture<Jid> newAttempt() {
        CompletableFuture<Jid> attempt = new CompletableFuture<>();
        session = attempt;
        negotiationFailure = null;
        return attempt;
    }

    /** The session future of the current connection attempt. */
    public CompletableFuture<Jid> sessionFuture() {
        return session;
    }

    private void openConnection() {
        List<HostAddress> targets;
        try {
            targets = targets();
        } catch (RuntimeException e) {
            session.completeExceptionally(e);
            return;
        }
        List<String> failures = new ArrayList<>();
        for (HostAddress target : targets) {
            if (isClosed()) {
                return;
            }
            SocketTransport transport = null;
            try {
                transport = SocketTransport.connect(target.host(), target.port(), clientConfig.connectTimeout());
                if (target.directTls()) {
                    try {
                        transport.startTls(clientConfig.sslContext(), domain(), "xmpp-client");
                    } catch (IOException e) {
                        throw new IOException(describeTlsFailure(e), e);
                    }
                }
                address = target;
                connect(transport);
                return;
            } catch (IOException e) {
                if (transport != null) {
                    transport.close();
                }
                log.debug("[{}] {} failed: {}", config().name(), target, e.getMessage());
                failures.add(target + ": " + e.getMessage());
            } catch (RuntimeException e) {
                if (transport != null) {
                    transport.close();
                }
                session.completeExceptionally(e);
                return;
            }
        }
        ConnectException failure = new ConnectException("Could not connect to " + domain() + ": "
                + String.join("; ", failures));
        session.completeExceptionally(failure);
        if (everEstablished && !isClosed()) {
            scheduleReconnect();
        } else {
            log.warn("[{}] {}", config().name(), failure.getMessage());
        }
    }

    private List<HostAddress> targets() {
        boolean direct = clientConfig.tls() == TlsMode.DIRECT;
        if (clientConfig.host() != null) {
            int port = clientConfig.port() != 0 ? clientConfig.port() : direct ? 5223 : 5222;
            return List.of(new HostAddress(clientConfig.host(), port, direct));
        }
        List<HostAddress> resolved = resolver.resolve(domain());
        if (direct) {
            List<HostAddress> tlsOnly = resolved.stream().filter(HostAddress::directTls).toList();
            return tlsOnly.isEmpty() ? List.of(new HostAddress(domain(), 5223, true)) : tlsOnly;
        }
        return resolved;
    }

    private String domain() {
        return clientConfig.jid().domain();
    }

    /** RFC 6120 §4.7: {@code to} names the domain; {@code from} our bare JID, once the channel is encrypted. */
    @Override
    protected Map<String, String> streamHeaderAttributes() {
        Map<String, String> attributes = super.streamHeaderAttributes();
        attributes.put("to", domain());
        if (isSecure() && clientConfig.jid().local() != null) {
            attributes.put("from", clientConfig.jid().bare().toString());
        }
        return attributes;
    }

    // =================================================================== stream features

    private void onFeatures(StanzaBase stanza) {
        XmlElement features = stanza.xml();
        if (!isSecure()) {
            if (features.element("starttls", TLS_NS) != null && clientConfig.tls() != TlsMode.DIRECT) {
                sendNegotiation(new XmlElement("starttls", TLS_NS));
                return;
            }
            if (clientConfig.tls() != TlsMode.OPTIONAL) {
                fail(new XmppNegotiationException("The server at " + describeServer() + " does not offer "
                        + "STARTTLS, and TLS is required. Only for a server you control on a trusted network, "
                        + "allow plaintext with TlsMode.OPTIONAL."));
                return;
            }
        }
        if (!authenticated) {
            startSasl(features);
            return;
        }
        XmlElement session = features.element("session", SESSION_NS);
        sessionRequired = session != null && session.element("optional", SESSION_NS) == null;
        if (features.element("bind", BIND_NS) == null) {
            fail(new XmppNegotiationException("The server offers no resource binding after authentication"));
            return;
        }
        XmlElement bind = new XmlElement("bind", BIND_NS);
        String resource = clientConfig.jid().resource();
        if (resource != null) {
            bind.addElement("resource", BIND_NS).setText(resource);
        }
        negotiationIq("bind", Iq.Type.SET, bind, this::onBound);
    }

    private void onTls(StanzaBase stanza) {
        if (!stanza.xml().name().equals("proceed")) {
            fail(new XmppNegotiationException("The server refused STARTTLS (<" + stanza.xml().name() + "/>)"));
            return;
        }
        try {
            onTransport(t -> t.startTls(clientConfig.sslContext(), domain(), null), TLS_HANDSHAKE_TIMEOUT);
        } catch (IOException e) {
            fail(new XmppNegotiationException("Cannot secure the connection to " + describeServer() + ": "
                    + describeTlsFailure(e), e));
            return;
        }
        restartStreamOverNewLayer();
    }

    /** The failure's message, with what to do about the usual TLS failures, which JSSE reports in its own terms. */
    static String describeTlsFailure(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        String hint = "";
        if (message.contains("PKIX") || message.contains("certification path")) {
            hint = "The server's certificate is not trusted: give ClientConfig an sslContext that trusts it "
                    + "(Tls.trusting(pemFile) for a private CA or a self-signed certificate).";
        } else if (message.contains("does not name the XMPP domain")) {
            hint = "The certificate must name the JID's domain whatever host is connected to: check the JID, or "
                    + "have the server's certificate issued for that domain.";
        }
        return hint.isEmpty() ? message : message + (message.endsWith(".") ? " " : ". ") + hint;
    }

    private String describeServer() {
        HostAddress a = address;
        return domain() + (a == null ? "" : " (" + a + ")");
    }

    // =================================================================== SASL (RFC 6120 §6)

    private void startSasl(XmlElement features) {
        XmlElement mechanisms = features.element("mechanisms", SASL_NS);
        Set<String> offered = new LinkedHashSet<>();
        if (mechanisms != null) {
            for (XmlElement m : mechanisms.elements("mechanism", SASL_NS)) {
                offered.add(m.text().trim());
            }
        }
        String username = clientConfig.jid().local() == null ? "" : clientConfig.jid().local();
        SaslSelector selector = new SaslSelector(allowedMechanisms(),
                new Credentials(username, clientConfig.password(), null), clientConfig.password() != null);
        SaslSelector.Choice choice = selector.choose(offered, announcedBindings(features), tlsChannel(), isSecure(),
                !bindingRefused);
        if (choice == null) {
            fail(new SaslException("invalid-mechanism", "No usable SASL mechanism: the server offers " + offered
                    + ", this client allows " + allowedMechanisms()
                    + (isSecure() ? "" : " (PLAIN only over TLS)")));
            return;
        }
        SaslMechanism chosen = choice.mechanism();
        byte[] initial;
        try {
            initial = chosen.initialResponse();
        } catch (SaslException e) {
            fail(e);
            return;
        } catch (IllegalArgumentException e) {
            fail(new SaslException("malformed-request", e.getMessage()));
            return;
        }
        sasl = chosen;
        saslFeatures = features;
        bindingAssumed = choice.bindingAssumed();
        XmlElement auth = new XmlElement("auth", SASL_NS).setAttribute("mechanism", chosen.name());
        // RFC 6120 §6.4.2: an empty initial response is sent as "=".
        auth.setText(initial.length == 0 ? "=" : Base64.getEncoder().encodeToString(initial));
        log.debug("[{}] authenticating with {}", config().name(), choice.reason());
        sendNegotiation(auth);
    }

    private List<String> allowedMechanisms() {
        if (!clientConfig.mechanisms().isEmpty()) {
            return clientConfig.mechanisms();
        }
        if (clientConfig.password() != null) {
            return SaslSelector.PASSWORD_MECHANISMS;
        }
        return clientConfig.jid().local() == null ? List.of("ANONYMOUS") : List.of("EXTERNAL");
    }

    /** The TLS layer for channel binding; package-private so tests can stand in for a real TLS session. */
    SaslSelector.@Nullable Channel tlsChannel() {
        Transport transport = transport();
        SSLSession tls = transport == null ? null : transport.tlsSession();
        if (tls == null) {
            return null;
        }
        return new SaslSelector.Channel() {
            @Override
            public String protocol() {
                return tls.getProtocol();
            }

            @Override
            public @Nullable ChannelBinding binding(String type) {
                return Tls.channelBinding(tls, type);
            }
        };
    }

    /** XEP-0440: the channel-binding types the server accepts, or null when it does not say. */
    private static @Nullable List<String> announcedBindings(XmlElement features) {
        XmlElement cb = features.element("sasl-channel-binding", CHANNEL_BINDING_NS);
        if (cb == null) {
            return null;
        }
        List<String> types = new ArrayList<>();
        for (XmlElement type : cb.elements("channel-binding", CHANNEL_BINDING_NS)) {
            String name = type.attribute("type");
            if (name != null) {
                types.add(name);
            }
        }
        return types;
    }

    /**
     * After a {@code -PLUS} login whose binding type was assumed, not announced, was refused: the server may
     * offer {@code -PLUS} without accepting the type (ejabberd 23.01 accepts only tls-unique), so authenticate
     * once more without binding, on the same stream (RFC 6120 §6.4.5 lets the client retry).
     */
    private boolean retryWithoutBinding(SaslException failure) {
        XmlElement features = saslFeatures;
        if (!bindingAssumed || bindingRefused || features == null || !clientConfig.retryWithoutChannelBinding()) {
            return false;
        }
        bindingRefused = true;
        log.info("[{}] the server refused {} with a channel binding it did not announce ({}); authenticating again "
                + "without channel binding (ClientConfig.retryWithoutChannelBinding(false) disables this)",
                config().name(), mechanism, failure.getMessage());
        startSasl(features);
        return true;
    }

    private void onSasl(StanzaBase stanza) {
        XmlElement element = stanza.xml();
        SaslMechanism current = sasl;
        if (current == null) {
            failStream(StreamError.Condition.UNSUPPORTED_STANZA_TYPE, "SASL element outside authentication");
            return;
        }
        try {
            switch (element.name()) {
                case "challenge" -> {
                    byte[] response = evaluate(current, decode(element.text()));
                    XmlElement reply = new XmlElement("response", SASL_NS);
                    reply.setText(Base64.getEncoder().encodeToString(response));
                    sendNegotiation(reply);
                }
                case "success" -> {
                    current.verifySuccess(decode(element.text()));
                    authenticated = true;
                    mechanism = current.name();
                    sasl = null;
                    log.debug("[{}] authenticated with {}", config().name(), current.name());
                    restartStream();
                }
                case "failure" -> {
                    String condition = "not-authorized";
                    for (XmlElement child : element.elements()) {
                        if (!child.name().equals("text")) {
                            condition = child.name();
                            break;
                        }
                    }
                    SaslException failure = new SaslException(condition, element.childText("text", SASL_NS));
                    mechanism = current.name();
                    sasl = null;
                    if (!retryWithoutBinding(failure)) {
                        throw failure;
                    }
                }
                default -> throw new SaslException("malformed-request", "Unexpected <" + element.name() + "/>");
            }
        } catch (SaslException e) {
            sasl = null;
            event("failed_auth", e);
            fail(e);
        }
    }

    private static byte[] evaluate(SaslMechanism mechanism, byte[] challenge) throws SaslException {
        try {
            return mechanism.evaluateChallenge(challenge);
        } catch (IllegalArgumentException e) {
            // SASLprep refused the credentials (a control character in the password, say).
            throw new SaslException("malformed-request", e.getMessage());
        }
    }

    private static byte[] decode(String text) throws SaslException {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new SaslException("incorrect-encoding", "The server sent invalid base64");
        }
    }

    // =================================================================== bind, session, roster

    private void negotiationIq(String step, Iq.Type type, XmlElement payload, Consumer<Iq> onResult) {
        String id = newId();
        negotiationIds.add(id);
        registerHandler(StreamHandler.of("client:" + step, Matcher.id(id), s -> {
            negotiationIds.remove(id);
            Iq iq = (Iq) s;
            if (iq.getIqType() == Iq.Type.ERROR) {
                fail(new XmppNegotiationException(step + " failed: " + new StanzaErrorException(iq).getMessage(),
                        new StanzaErrorException(iq)));
            } else {
                onResult.accept(iq);
            }
        }).once().inStream());
        XmlElement iq = new XmlElement("iq", NAMESPACE).setAttribute("type", type.value()).setAttribute("id", id);
        iq.addChild(payload);
        sendNegotiation(iq);
    }

    private void onBound(Iq result) {
        XmlElement bind = result.xml().element("bind", BIND_NS);
        String jid = bind == null ? null : bind.childText("jid", BIND_NS);
        Jid bound = Jid.ofOrNull(jid);
        if (bound == null || bound.resource() == null) {
            fail(new XmppNegotiationException("The bind result has no valid full JID: " + jid));
            return;
        }
        boundJid = bound;
        if (sessionRequired) {
            // RFC 3921 §3: older servers still mark the session establishment request as required.
            negotiationIq("session", Iq.Type.SET, new XmlElement("session", SESSION_NS), iq -> afterBind());
        } else {
            afterBind();
        }
    }

    private void afterBind() {
        if (clientConfig.fetchRoster()) {
            negotiationIq("roster", Iq.Type.GET, new XmlElement("query", ROSTER_NS), roster -> {
                event("roster_update", roster);
                establish();
            });
        } else {
            establish();
        }
    }

    private void establish() {
        if (clientConfig.sendInitialPresence()) {
            sendNegotiation(new XmlElement("presence", NAMESPACE));
        }
        Jid bound = boundJid;
        boolean reconnected = everEstablished;
        sessionEstablished = true;
        everEstablished = true;
        reconnectAttempt = 0;
        sessionSince = Instant.now();
        releaseStanzas();
        log.info("[{}] session started as {} over {}", config().name(), bound, transportDescription());
        if (reconnected) {
            observer().reconnected();
        }
        event("session_start", bound);
        session.complete(bound);
    }

    private String transportDescription() {
        Transport t = transport();
        return t == null ? "nothing" : t.describe();
    }

    @Override
    protected boolean isSessionOpen() {
        return sessionEstablished;
    }

    /** Before the session: stream features and errors, STARTTLS, SASL, and the answers to our own bind iqs. */
    @Override
    protected boolean isNegotiation(XmlElement element) {
        String ns = element.namespace();
        if (ns.equals(STREAM_NAMESPACE) || ns.equals(TLS_NS) || ns.equals(SASL_NS)) {
            return true;
        }
        String id = element.attribute("id");
        return ns.equals(NAMESPACE) && element.name().equals("iq") && id != null && negotiationIds.contains(id);
    }

    // =================================================================== failure, end, reconnect

    /** Fails the attempt and closes the stream for good: negotiation failures do not get better by retrying. */
    private void fail(Throwable failure) {
        negotiationFailure = failure;
        log.warn("[{}] {}", config().name(), failure.getMessage());
        session.completeExceptionally(failure);
        disconnect();
    }

    @Override
    protected void connectionEnded(boolean requested, String reason, @Nullable Throwable cause) {
        boolean hadSession = sessionEstablished;
        sessionEstablished = false;
        authenticated = false;
        sessionSince = null;
        negotiationIds.clear();
        if (hadSession) {
            event("session_end", reason);
        }
        CompletableFuture<Jid> attempt = session;
        if (!attempt.isDone()) {
            StreamError streamError = lastStreamError();
            attempt.completeExceptionally(streamError != null
                    ? new XmppNegotiationException("The server ended the stream with " + streamError)
                    : new ConnectException("The connection ended before the session started: " + reason));
        }
        if (!requested && !isClosed() && negotiationFailure == null && everEstablished
                && clientConfig.reconnect().enabled()) {
            holdStanzas();
            scheduleReconnect();
            return;
        }
        cancelReconnect();
        super.connectionEnded(requested, reason, cause);
    }

    private void scheduleReconnect() {
        int attempt = reconnectAttempt++;
        ClientConfig.Reconnect policy = clientConfig.reconnect();
        long base = policy.initialDelay().toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base, policy.maxDelay().toMillis());
        // Jitter between half and all of the delay, so many clients dropped at once do not return at once.
        Duration delay = Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
        log.info("[{}] reconnecting in {} ms (attempt {})", config().name(), delay.toMillis(), attempt + 1);
        event("reconnecting", delay);
        reconnectTimer = config().scheduler().schedule(() -> {
            if (!isClosed()) {
                newAttempt();
                StreamThreads.start(config().name() + "-connect", config().virtualThreads(), this::openConnection);
            }
        }, delay);
    }

    private void cancelReconnect() {
        ScheduledFuture<?> timer = reconnectTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        cancelReconnect();
        return super.disconnect();
    }

    // =================================================================== state, for health and diagnostics

    @Override
    public Map<String, Object> connectionDetails() {
        Map<String, Object> details = super.connectionDetails();
        details.putIfAbsent("jid", clientConfig.jid().bare().toString());
        HostAddress server = address;
        if (server != null) {
            details.put("server", server.toString());
        }
        String sasl = saslMechanism();
        if (sasl != null) {
            details.put("saslMechanism", sasl);
        }
        Instant since = sessionSince;
        if (since != null) {
            details.put("connectedSince", since.toString());
        }
        return details;
    }

    /** The SASL mechanism the current connection authenticated with, or null. */
    public @Nullable String saslMechanism() {
        return authenticated ? mechanism : null;
    }

    /** When the current session started, or null when there is none. */
    public @Nullable Instant sessionSince() {
        return sessionSince;
    }

    /** The server address of the current connection, or null. */
    public @Nullable HostAddress serverAddress() {
        return address;
    }
}
