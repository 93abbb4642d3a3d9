package org.xmppboot.component;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.SocketTransport;
import org.xmppboot.stream.StreamThreads;
import org.xmppboot.stream.Transport;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * An external component (XEP-0114, {@code jabber:component:accept}): it authenticates to the server with a
 * shared secret and then sends and receives for every JID under its domain. Stanzas sent without a
 * {@code from} get the component's domain.
 *
 * <p>Events: {@code connected}, {@code session_start} (the domain), {@code stream_error}, {@code session_end},
 * {@code disconnected}.
 */
public class ComponentXMPP extends BaseXMPP {

    public static final String NAMESPACE = "jabber:component:accept";

    private static final Logger log = LoggerFactory.getLogger(ComponentXMPP.class);

    private final ComponentConfig componentConfig;
    private volatile CompletableFuture<Jid> session = new CompletableFuture<>();
    private volatile boolean established;

    public ComponentXMPP(ComponentConfig config) {
        super(NAMESPACE, config.stream());
        this.componentConfig = config;
        registerHandler(StreamHandler.of("component:handshake", Matcher.xpath("{" + NAMESPACE + "}handshake"),
                s -> onHandshake()).inStream());
        addFilter(Direction.OUT, this::defaultFrom, Integer.MAX_VALUE);
    }

    /**
     * Connects to the server's component port and performs the handshake in the background.
     *
     * @return completes with the domain once the server accepts the handshake; fails with
     *     {@link XmppNegotiationException} when it does not (a wrong secret, an unknown domain)
     */
    @Override
    public CompletableFuture<Jid> connect() {
        CompletableFuture<Jid> attempt = new CompletableFuture<>();
        session = attempt;
        StreamThreads.start(config().name() + "-connect", config().virtualThreads(), () -> {
            try {
                connect(SocketTransport.connect(componentConfig.host(), componentConfig.port(),
                        componentConfig.connectTimeout()));
            } catch (IOException e) {
                attempt.completeExceptionally(new ConnectException("Could not connect to "
                        + componentConfig.host() + ":" + componentConfig.port() + ": " + e.getMessage()));
            } catch (RuntimeException e) {
                attempt.completeExceptionally(e);
            }
        });
        return attempt;
    }

    @Override
    public void connect(Transport transport) {
        if (session.isDone()) {
            session = new CompletableFuture<>();
        }
        established = false;
        holdStanzas();
        super.connect(transport);
    }

    public ComponentConfig componentConfig() {
        return componentConfig;
    }

    public CompletableFuture<Jid> sessionFuture() {
        return session;
    }

    @Override
    public Map<String, Object> connectionDetails() {
        Map<String, Object> details = super.connectionDetails();
        details.put("jid", componentConfig.domain().toString());
        details.put("server", componentConfig.host() + ":" + componentConfig.port());
        return details;
    }

    /** XEP-0114 §3: the header names the component's domain; there is no version attribute. */
    @Override
    protected Map<String, String> streamHeaderAttributes() {
        Map<String, String> attributes = super.streamHeaderAttributes();
        attributes.remove("version");
        attributes.put("to", componentConfig.domain().toString());
        return attributes;
    }

    @Override
    protected void streamStarted(XmlElement header) {
        super.streamStarted(header);
        String id = header.attribute("id");
        if (id == null) {
            failStream(StreamError.Condition.INVALID_XML, "The stream header has no id to hash");
            return;
        }
        XmlElement handshake = new XmlElement("handshake", NAMESPACE);
        handshake.setText(handshakeDigest(id, componentConfig.secret()));
        sendNegotiation(handshake);
    }

    /** XEP-0114 §3: lowercase hex SHA-1 of the stream id followed by the secret. */
    static String handshakeDigest(String streamId, String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((streamId + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-1", e);
        }
    }

    private void onHandshake() {
        boundJid = componentConfig.domain();
        established = true;
        releaseStanzas();
        log.info("[{}] component session started", config().name());
        event("session_start", boundJid);
        session.complete(componentConfig.domain());
    }

    @Override
    protected boolean isSessionOpen() {
        return established;
    }

    /** XEP-0114 §3: before the handshake is accepted, only the server's {@code <handshake/>} belongs. */
    @Override
    protected boolean isNegotiation(XmlElement element) {
        return element.name().equals("handshake") && element.namespace().equals(NAMESPACE);
    }

    private StanzaBase defaultFrom(StanzaBase stanza) {
        if (stanza.xml().attribute("from") == null && NAMESPACE.equals(stanza.xml().namespace())) {
            stanza.xml().setAttribute("from", componentConfig.domain().toString());
        }
        return stanza;
    }

    @Override
    protected void connectionEnded(boolean requested, String reason, @Nullable Throwable cause) {
        boolean had = established;
        established = false;
        if (had) {
            event("session_end", reason);
        }
        if (!session.isDone()) {
            StreamError error = lastStreamError();
            session.completeExceptionally(new XmppNegotiationException(error != null
                    ? "The server refused the component " + componentConfig.domain() + ": " + error
                            + (error.getCondition() == StreamError.Condition.NOT_AUTHORIZED ? " (wrong secret?)" : "")
                    : "The connection ended before the handshake completed: " + reason));
        }
        super.connectionEnded(requested, reason, cause);
    }
}
