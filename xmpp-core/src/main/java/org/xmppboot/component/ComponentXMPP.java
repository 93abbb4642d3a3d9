package org.xmppboot.component;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.SocketTransport;
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
 * {@code reconnecting}, {@code disconnected}. Like a client, it reconnects under its
 * {@link ComponentConfig#reconnect()} policy after a failed attempt or a lost connection.
 */
public class ComponentXMPP extends BaseXMPP {

    public static final String NAMESPACE = "jabber:component:accept";

    private static final Logger log = LoggerFactory.getLogger(ComponentXMPP.class);

    private final ComponentConfig componentConfig;
    private volatile boolean established;

    public ComponentXMPP(ComponentConfig config) {
        super(NAMESPACE, config.stream());
        this.componentConfig = config;
        registerHandler(StreamHandler.of("component:handshake", Matcher.xpath("{" + NAMESPACE + "}handshake"),
                s -> onHandshake()).inStream());
        addFilter(Direction.OUT, this::defaultFrom, Integer.MAX_VALUE);
    }

    /** Opens TCP to the server's component port; the handshake follows in the background. */
    @Override
    protected Transport openTransport() throws IOException {
        try {
            return SocketTransport.connect(componentConfig.host(), componentConfig.port(),
                    componentConfig.connectTimeout());
        } catch (UnknownHostException e) {
            throw new ConnectException("Could not connect to " + serverDescription() + ": unknown host");
        } catch (IOException e) {
            throw new ConnectException("Could not connect to " + serverDescription() + ": " + e.getMessage());
        }
    }

    @Override
    public void connect(Transport transport) {
        established = false;
        holdStanzas();
        super.connect(transport);
    }

    @Override
    protected ReconnectPolicy reconnectPolicy() {
        return componentConfig.reconnect();
    }

    @Override
    protected String serverDescription() {
        return componentConfig.host() + ":" + componentConfig.port();
    }

    /** XEP-0114 §3: {@code not-authorized} is the server's answer to a wrong secret or an unknown domain. */
    @Override
    protected Throwable describeStreamError(StreamError error) {
        return new XmppNegotiationException("The server refused the component " + componentConfig.domain() + ": "
                + error + (error.getCondition() == StreamError.Condition.NOT_AUTHORIZED
                        ? " (wrong secret, or a domain the server does not know?)" : ""));
    }

    public ComponentConfig componentConfig() {
        return componentConfig;
    }

    @Override
    public Map<String, Object> connectionDetails() {
        Map<String, Object> details = super.connectionDetails();
        details.put("jid", componentConfig.domain().toString());
        details.put("server", componentConfig.host() + ":" + componentConfig.port());
        details.put("replica", componentConfig.replicaId());
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
        log.info("[{}] component session started (replica {})", config().name(), componentConfig.replicaId());
        event("session_start", boundJid);
        sessionEstablished(componentConfig.domain());
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
        super.connectionEnded(requested, reason, cause);
    }
}
