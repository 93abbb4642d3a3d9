package org.xmppboot.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.BaseXMPP;
import org.xmppboot.features.BindFeature;
import org.xmppboot.features.FeatureNegotiator;
import org.xmppboot.features.Negotiation;
import org.xmppboot.features.RosterRequestFeature;
import org.xmppboot.features.SaslFeature;
import org.xmppboot.features.SessionFeature;
import org.xmppboot.features.StartTlsFeature;
import org.xmppboot.features.TlsFailures;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sasl.ChannelBindings;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.sm.EnableFeature;
import org.xmppboot.sm.ManagedClient;
import org.xmppboot.sm.ResumeFeature;
import org.xmppboot.sm.StreamManagement;
import org.xmppboot.sm.StreamManagementConfig;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.stream.Scheduler;
import org.xmppboot.stream.SocketTransport;
import org.xmppboot.stream.StreamClosedException;
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
 * {@code reconnecting} (a {@link org.xmppboot.reconnect.Reconnecting}), {@code disconnected}; with stream
 * management, {@code session_resumed} (the bound JID) instead of {@code session_start} when a lost session was
 * resumed, and {@value StreamManagement#RESUMPTION_FAILED_EVENT} and {@value StreamManagement#RESEND_EVENT} when
 * it could not be.
 *
 * <p>A failed connect, a failed negotiation and a lost session are all followed by another attempt under
 * {@link ClientConfig#reconnect()}, but for what retrying cannot cure (see {@link BaseXMPP}). With stream
 * management (XEP-0198, on by default where the server offers it; see {@link StreamManagement}) the reconnect
 * resumes the session: no stanza lost or repeated either way, no new presence or roster fetch.
 */
public class ClientXMPP extends BaseXMPP {

    public static final String NAMESPACE = "jabber:client";
    static final String FEATURES_PATH = "{http://etherx.jabber.org/streams}features";
    static final String ROSTER_NS = "jabber:iq:roster";

    private static final Logger log = LoggerFactory.getLogger(ClientXMPP.class);
    private static final Duration TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private final ClientConfig clientConfig;
    private final SrvResolver resolver;

    private final FeatureNegotiator features;
    private final Negotiation negotiation = new ClientNegotiation();
    private final @Nullable StreamManagement streamManagement;

    // Negotiation state: written on the read thread, read anywhere.
    private volatile @Nullable String mechanism;
    private volatile boolean bound;
    private volatile boolean resumed;
    private volatile boolean sessionEstablished;
    private final Set<String> negotiationIds = ConcurrentHashMap.newKeySet();

    private volatile @Nullable Instant sessionSince;
    private volatile @Nullable HostAddress address;

    public ClientXMPP(ClientConfig config) {
        this(config, new SrvResolver());
    }

    public ClientXMPP(ClientConfig config, SrvResolver resolver) {
        super(NAMESPACE, config.stream());
        this.clientConfig = config;
        this.resolver = resolver;
        this.features = new FeatureNegotiator(List.of(
                new StartTlsFeature(config.tls() != TlsMode.OPTIONAL),
                SaslFeature.forAccount(config.jid().local(), config.password(), config.mechanisms(),
                        config.retryWithoutChannelBinding()),
                new BindFeature(config.jid().resource()),
                new SessionFeature()));
        if (config.fetchRoster()) {
            features.register(new RosterRequestFeature(versioning -> new XmlElement("query", ROSTER_NS),
                    result -> event("roster_update", result)));
        }
        StreamManagementConfig sm = config.streamManagement();
        if (sm.enabled()) {
            streamManagement = new StreamManagement(sm, new StreamManagementLink(), NAMESPACE);
            features.register(new ResumeFeature(streamManagement));
            features.register(new EnableFeature(streamManagement));
            trackInbound(streamManagement.inboundTracker());
            trackOutbound(streamManagement.outboundTracker());
        } else {
            streamManagement = null;
        }
        registerHandler(StreamHandler.of("client:features", Matcher.xpath(FEATURES_PATH),
                s -> {
                    if (features.onFeatures(s.xml(), negotiation)) {
                        afterFeatures();
                    }
                }).inStream());
        registerHandler(StreamHandler.of("client:negotiation", s -> features.handles(s.xml()),
                s -> features.receive(s.xml(), negotiation)).inStream());
    }

    /**
     * The stream features this client negotiates, in order; {@link FeatureNegotiator#register} adds one (or
     * replaces a built-in one of the same name) before connecting.
     */
    public FeatureNegotiator features() {
        return features;
    }

    public ClientConfig clientConfig() {
        return clientConfig;
    }

    /** Stream management (XEP-0198), for its state and counts; null when {@link ClientConfig} turns it off. */
    public @Nullable StreamManagement streamManagement() {
        return streamManagement;
    }

    // =================================================================== connecting

    /** Negotiates a session over an already connected transport (tests, custom transports). */
    @Override
    public void connect(Transport transport) {
        mechanism = null;
        bound = false;
        resumed = false;
        sessionEstablished = false;
        features.reset();
        negotiationIds.clear();
        holdStanzas();
        super.connect(transport);
    }

    @Override
    protected ReconnectPolicy reconnectPolicy() {
        return clientConfig.reconnect();
    }

    /**
     * Resolves the server and opens TCP (and direct TLS) to the first address that answers.
     *
     * @throws ConnectException naming every address tried and why it failed
     */
    @Override
    protected Transport openTransport() throws IOException {
        List<String> failures = new ArrayList<>();
        for (HostAddress target : targets()) {
            SocketTransport transport = null;
            try {
                transport = SocketTransport.connect(target.host(), target.port(), clientConfig.connectTimeout());
                if (target.directTls()) {
                    startDirectTls(transport);
                }
                address = target;
                return transport;
            } catch (UnknownHostException e) {
                failures.add(target + ": unknown host");
            } catch (IOException e) {
                if (transport != null) {
                    transport.close();
                }
                if (TlsFailures.isTrustFailure(e)) {
                    throw e; // every address serves the domain's certificate: the others fail the same way
                }
                log.debug("[{}] {} failed: {}", config().name(), target, e.getMessage());
                failures.add(target + ": " + e.getMessage());
            }
        }
        throw new ConnectException("Could not connect to " + domain() + ": " + String.join("; ", failures));
    }

    private void startDirectTls(SocketTransport transport) throws IOException {
        try {
            transport.startTls(clientConfig.sslContext(), domain(), "xmpp-client");
        } catch (IOException e) {
            throw new IOException(TlsFailures.describe(e), e);
        }
    }

    private List<HostAddress> targets() {
        boolean direct = clientConfig.tls() == TlsMode.DIRECT;
        String host = clientConfig.host();
        if (host != null || clientConfig.port() != 0) {
            // A port alone means the JID's domain at that port: whoever names a port has chosen where to go.
            int port = clientConfig.port() != 0 ? clientConfig.port() : direct ? 5223 : 5222;
            return List.of(new HostAddress(host != null ? host : domain(), port, direct));
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

    @Override
    protected String serverDescription() {
        HostAddress a = address;
        return domain() + (a == null ? "" : " (" + a + ")");
    }

    // =================================================================== session set-up

    private void negotiationIq(String step, Iq.Type type, XmlElement payload, Consumer<Iq> onResult) {
        String id = newId();
        negotiationIds.add(id);
        registerHandler(StreamHandler.of("client:" + step, Matcher.id(id), s -> {
            negotiationIds.remove(id);
            Iq iq = (Iq) s;
            if (iq.getIqType() == Iq.Type.ERROR) {
                negotiationFailed(new XmppNegotiationException(step + " failed: " + new StanzaErrorException(iq).getMessage(),
                        new StanzaErrorException(iq)));
            } else {
                onResult.accept(iq);
            }
        }).once().inStream());
        XmlElement iq = new XmlElement("iq", NAMESPACE).setAttribute("type", type.value()).setAttribute("id", id);
        iq.addChild(payload);
        sendNegotiation(iq);
    }

    /** Every feature has run: with a resource bound, the session starts; without, a feature has failed. */
    private void afterFeatures() {
        if (bound && !sessionEstablished) {
            establish();
        }
    }

    private void establish() {
        boolean resumedSession = resumed;
        if (!resumedSession) {
            // What was kept of contacts' presence for a resumption that did not happen is stale: the new session
            // learns it afresh. Queued ahead of the new session's stanzas and after the last connection's events.
            runOnEventThread("client:presences", presences()::clear);
            if (clientConfig.sendInitialPresence()) {
                // Ahead of held stanzas, but through the outbound filters: plugins add capabilities (XEP-0115)
                // or an avatar hash (XEP-0153) to every available presence, this one first.
                sendNegotiationFiltered(makePresence(null, null, null, null));
            }
        }
        Jid bound = boundJid;
        sessionEstablished = true;
        sessionSince = Instant.now();
        releaseStanzas();
        log.info("[{}] session {} as {} over {}", config().name(), resumedSession ? "resumed" : "started", bound,
                transportDescription());
        event(resumedSession ? "session_resumed" : "session_start", bound);
        sessionEstablished(bound);
    }

    private String transportDescription() {
        Transport t = transport();
        return t == null ? "nothing" : t.describe();
    }

    @Override
    protected boolean isSessionOpen() {
        return sessionEstablished;
    }

    /** Before the session: stream features and errors, the features' own elements, answers to our own iqs. */
    @Override
    protected boolean isNegotiation(XmlElement element) {
        String ns = element.namespace();
        if (ns.equals(STREAM_NAMESPACE) || features.handles(element)) {
            return true;
        }
        String id = element.attribute("id");
        return ns.equals(NAMESPACE) && element.name().equals("iq") && id != null && negotiationIds.contains(id);
    }

    /** What the stream features may do with this client, and nothing more. */
    private final class ClientNegotiation implements Negotiation {

        @Override
        public String name() {
            return config().name();
        }

        @Override
        public String serverDescription() {
            return ClientXMPP.this.serverDescription();
        }

        @Override
        public boolean isSecure() {
            return ClientXMPP.this.isSecure();
        }

        @Override
        public @Nullable ChannelBindings channelBindings() {
            Transport transport = transport();
            return transport == null ? null : transport.channelBindings();
        }

        @Override
        public boolean isAuthenticated() {
            return mechanism != null;
        }

        @Override
        public boolean isBound() {
            return bound;
        }

        @Override
        public boolean isResumed() {
            return resumed;
        }

        @Override
        public void send(XmlElement element) {
            sendNegotiation(element);
        }

        @Override
        public void sendIq(String step, Iq.Type type, XmlElement payload, Consumer<Iq> onResult) {
            negotiationIq(step, type, payload, onResult);
        }

        @Override
        public void startTls() throws IOException {
            onTransport(t -> t.startTls(clientConfig.sslContext(), domain(), null), TLS_HANDSHAKE_TIMEOUT);
            restartStreamOverNewLayer();
        }

        @Override
        public void restart() {
            restartStream();
        }

        @Override
        public void authenticated(String saslMechanism) {
            mechanism = saslMechanism;
        }

        @Override
        public void bound(Jid jid) {
            boundJid = jid;
            bound = true;
        }

        @Override
        public void resumed(Jid jid) {
            boundJid = jid;
            bound = true;
            resumed = true;
        }

        @Override
        public void proceed() {
            if (features.proceed(this)) {
                afterFeatures();
            }
        }

        @Override
        public void fail(String message, @Nullable Throwable cause) {
            negotiationFailed(new XmppNegotiationException(message, cause));
        }

        @Override
        public void failPermanently(String message) {
            negotiationFailed(new XmppNegotiationException(message, null, true));
        }

        @Override
        public void authenticationFailed(SaslException failure) {
            event("failed_auth", failure);
            negotiationFailed(failure);
        }
    }

    // =================================================================== failure and end

    @Override
    protected void connectionEnded(boolean requested, String reason, @Nullable Throwable cause) {
        boolean hadSession = sessionEstablished;
        sessionEstablished = false;
        mechanism = null;
        bound = false;
        sessionSince = null;
        negotiationIds.clear();
        if (hadSession) {
            event("session_end", reason);
        }
        super.connectionEnded(requested, reason, cause);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        StreamManagement sm = streamManagement;
        if (sm != null && !isClosed()) {
            sm.closing(); // XEP-0198: our last count and a request for the server's, ahead of the closing tag
        }
        return super.disconnect();
    }

    @Override
    protected void streamClosed(StreamClosedException cause) {
        super.streamClosed(cause);
        if (streamManagement != null) {
            streamManagement.streamClosed();
        }
    }

    /** A lost session that stream management can resume keeps what is known of contacts' presence. */
    @Override
    protected boolean sessionMayResume() {
        StreamManagement sm = streamManagement;
        return sm != null && sm.isResumable() && !isClosed();
    }

    /** What stream management may do with this client. */
    private final class StreamManagementLink implements ManagedClient {

        @Override
        public String name() {
            return config().name();
        }

        @Override
        public @Nullable Jid boundJid() {
            return boundJid;
        }

        @Override
        public void write(XmlElement element) {
            sendNegotiation(element);
        }

        @Override
        public void resend(List<byte[]> stanzas) {
            ClientXMPP.this.resend(stanzas);
        }

        @Override
        public void failStream(String text) {
            ClientXMPP.this.failStream(StreamError.Condition.UNDEFINED_CONDITION, text);
        }

        @Override
        public void abort(String reason) {
            ClientXMPP.this.abort(reason);
        }

        @Override
        public void event(String name, @Nullable Object data) {
            ClientXMPP.this.event(name, data);
        }

        @Override
        public Scheduler scheduler() {
            return config().scheduler();
        }
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
        StreamManagement sm = streamManagement;
        if (sm != null) {
            details.put("streamManagement", !sm.isEnabled() ? "off" : sm.isResumable() ? "resumable" : "on");
        }
        return details;
    }

    /** The SASL mechanism the current connection authenticated with, or null. */
    public @Nullable String saslMechanism() {
        return mechanism;
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
