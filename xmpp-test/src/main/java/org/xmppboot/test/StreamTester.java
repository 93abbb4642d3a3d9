package org.xmppboot.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.matcher.XmlMaskMatcher;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlNode;
import org.xmppboot.xml.XmlText;

/**
 * A client or component stream with no server: the tester plays the server over an in-memory transport.
 * {@link #client} and {@link #component} walk through the real negotiation (SASL, bind; the component
 * handshake), so a test starts with an established session; then {@link #recv} feeds what the server says and
 * {@link #expectSent} checks what the stream wrote, one stanza at a time.
 *
 * <pre>{@code
 * try (StreamTester t = StreamTester.client("bot@example.com/test", new MyPlugin())) {
 *     t.recv("<message from='a@example.com/x' type='chat'><body>help</body></message>");
 *     t.expectSent("<message to='a@example.com/x' type='chat'><body>Commands: ...</body></message>",
 *             StreamTester.Match.IGNORE_ID);
 * }
 * }</pre>
 *
 * Stanzas in {@code recv} and {@code expectSent} are written without a namespace: they take the stream's.
 */
public final class StreamTester implements AutoCloseable {

    /** How {@link #expectSent(String, Match)} compares. */
    public enum Match {
        /** Same elements, attributes (in any order) and text; whitespace-only text is ignored. */
        EXACT,
        /** As {@link #EXACT}, but the top-level {@code id} attribute is not compared. */
        IGNORE_ID,
        /** The sent stanza contains everything in the expected one (an XML mask); it may carry more. */
        MASK
    }

    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final String STREAMS = "http://etherx.jabber.org/streams";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";

    private final BaseXMPP xmpp;
    private final InMemoryTransport peer;
    private final String namespace;

    private StreamTester(BaseXMPP xmpp, InMemoryTransport peer) {
        this.xmpp = xmpp;
        this.peer = peer;
        this.namespace = xmpp.defaultNamespace();
    }

    /** A client with an established session as {@code jid} (a full JID: the resource the server binds). */
    public static StreamTester client(String jid, XmppPlugin... plugins) {
        Jid full = Jid.of(jid);
        ClientConfig config = ClientConfig.builder(full.bare(), "password")
                .fetchRoster(false)
                .sendInitialPresence(false)
                .reconnect(ReconnectPolicy.DISABLED)
                .stream(StreamConfig.defaults().withName("tester"))
                .build();
        return client(config, full.resource() == null ? "tester" : full.resource(), plugins);
    }

    /** A client built from a configuration; the server binds {@code resource}. */
    public static StreamTester client(ClientConfig config, String resource, XmppPlugin... plugins) {
        ClientXMPP client = new ClientXMPP(config);
        for (XmppPlugin plugin : plugins) {
            client.registerPlugin(plugin);
        }
        // The transport says it is already encrypted, as after STARTTLS, so PLAIN is allowed.
        StreamTester tester = new StreamTester(client, new InMemoryTransport().secure());
        client.connect(tester.peer);
        String domain = config.jid().domain();
        tester.expectHeader();
        tester.serverHeader(domain, "s1");
        tester.recv("<stream:features><mechanisms xmlns='" + SASL + "'><mechanism>PLAIN</mechanism>"
                + "</mechanisms></stream:features>");
        XmlElement auth = tester.nextSent();
        if (!auth.is("auth", SASL)) {
            throw new AssertionFailedError("Expected <auth/>, the client sent " + auth.toXml());
        }
        tester.recv("<success xmlns='" + SASL + "'/>");
        tester.expectHeader();
        tester.serverHeader(domain, "s2");
        tester.recv("<stream:features><bind xmlns='" + BIND + "'/></stream:features>");
        XmlElement bind = tester.nextSent();
        Jid bound = config.jid().bare().withResource(resource);
        tester.recv("<iq type='result' id='" + bind.attribute("id") + "'><bind xmlns='" + BIND + "'><jid>" + bound
                + "</jid></bind></iq>");
        tester.awaitSession(client.sessionFuture());
        return tester;
    }

    /** A component with an accepted handshake for {@code domain}. */
    public static StreamTester component(String domain, XmppPlugin... plugins) {
        ComponentXMPP component = new ComponentXMPP(ComponentConfig.of(domain, "secret", "in-memory", 5347)
                .withStream(StreamConfig.defaults().withName("tester")));
        for (XmppPlugin plugin : plugins) {
            component.registerPlugin(plugin);
        }
        StreamTester tester = new StreamTester(component, new InMemoryTransport());
        component.connect(tester.peer);
        tester.expectHeader();
        tester.recv("<?xml version='1.0'?><stream:stream xmlns='" + ComponentXMPP.NAMESPACE
                + "' xmlns:stream='" + STREAMS + "' from='" + domain + "' id='c1'>");
        XmlElement handshake = tester.nextSent();
        if (!handshake.is("handshake", ComponentXMPP.NAMESPACE)) {
            throw new AssertionFailedError("Expected <handshake/>, the component sent " + handshake.toXml());
        }
        tester.recv("<handshake/>");
        tester.awaitSession(component.sessionFuture());
        return tester;
    }

    private void serverHeader(String domain, String id) {
        recv("<?xml version='1.0'?><stream:stream xmlns='" + namespace + "' xmlns:stream='" + STREAMS
                + "' from='" + domain + "' id='" + id + "' version='1.0'>");
    }

    private void expectHeader() {
        InMemoryTransport.SentEvent event = nextEvent();
        if (!(event instanceof InMemoryTransport.Header)) {
            throw new AssertionFailedError("Expected a stream header, got " + describe(event));
        }
    }

    private void awaitSession(java.util.concurrent.CompletableFuture<Jid> session) {
        try {
            session.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionFailedError("The session did not start: " + e, e);
        }
    }

    /** The stream under test. */
    public BaseXMPP xmpp() {
        return xmpp;
    }

    /** The stream under test as a client (fails for a component tester). */
    public ClientXMPP client() {
        return (ClientXMPP) xmpp;
    }

    /** The stream under test as a component (fails for a client tester). */
    public ComponentXMPP component() {
        return (ComponentXMPP) xmpp;
    }

    /** The server side of the transport, for what the helpers here do not cover. */
    public InMemoryTransport peer() {
        return peer;
    }

    // =================================================================== inbound

    /** The server sends this (one or more stanzas, without namespaces). */
    public void recv(String xml) {
        peer.receive(xml);
    }

    // =================================================================== outbound

    /** Asserts that the next stanza the stream writes equals {@code xml} exactly. */
    public XmlElement expectSent(String xml) {
        return expectSent(xml, Match.EXACT);
    }

    /** Asserts that the next stanza the stream writes (within {@link #WAIT}) matches {@code xml}. */
    public XmlElement expectSent(String xml, Match match) {
        XmlElement expected = parseInStream(xml);
        XmlElement sent = nextSent();
        boolean ok = switch (match) {
            case EXACT -> canonical(sent, false).equals(canonical(expected, false));
            case IGNORE_ID -> canonical(sent, true).equals(canonical(expected, true));
            case MASK -> new XmlMaskMatcher(expected).matches(new org.xmppboot.stanza.StanzaBase(sent));
        };
        if (!ok) {
            throw new AssertionFailedError("The stream sent a different stanza (" + match + ")\n expected: "
                    + expected.toXml() + "\n but sent: " + sent.toXml(), expected.toXml(), sent.toXml());
        }
        return sent;
    }

    /** Asserts that the stream writes no stanza within {@code wait}. */
    public void expectNothingSent(Duration wait) {
        try {
            InMemoryTransport.SentEvent event = peer.nextSentEvent(wait);
            if (event != null) {
                throw new AssertionFailedError("Expected nothing sent, got " + describe(event));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("Interrupted");
        }
    }

    /** The next stanza the stream writes, within {@link #WAIT}. */
    public XmlElement nextSent() {
        InMemoryTransport.SentEvent event = nextEvent();
        if (event instanceof InMemoryTransport.Element e) {
            return e.element();
        }
        throw new AssertionFailedError("Expected a stanza, got " + describe(event));
    }

    private InMemoryTransport.SentEvent nextEvent() {
        try {
            InMemoryTransport.SentEvent event = peer.nextSentEvent(WAIT);
            if (event == null) {
                throw new AssertionFailedError("Nothing was sent within " + WAIT);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("Interrupted");
        }
    }

    private static String describe(InMemoryTransport.@Nullable SentEvent event) {
        if (event instanceof InMemoryTransport.Element e) {
            return e.element().toXml();
        }
        return event instanceof InMemoryTransport.Header ? "a stream header" : "the end of the stream";
    }

    // =================================================================== stanza objects

    /**
     * Asserts that a stanza object survives the trip to XML and back: parsing what it writes gives an object
     * that writes the same, and every named interface reads the same.
     */
    public static <T extends ElementBase> T checkRoundTrip(T stanza) {
        @SuppressWarnings("unchecked")
        Schema<T> schema = (Schema<T>) stanza.schema();
        String xml = stanza.xml().toXml();
        T back = schema.wrap(XmlElement.parse(xml));
        if (!canonical(back.xml(), false).equals(canonical(stanza.xml(), false))) {
            throw new AssertionFailedError("The stanza changed on its way through XML\n before: " + xml
                    + "\n after:  " + back.xml().toXml(), xml, back.xml().toXml());
        }
        for (String name : schema.interfaces().keySet()) {
            String before = stanza.getString(name);
            String after = back.getString(name);
            if (!before.equals(after)) {
                throw new AssertionFailedError("Interface '" + name + "' changed on its way through XML", before,
                        after);
            }
        }
        return back;
    }

    private XmlElement parseInStream(String xml) {
        XmlElement wrapper = XmlElement.parse("<wrapper xmlns='" + namespace + "'>" + xml + "</wrapper>");
        List<XmlElement> elements = wrapper.elements();
        if (elements.size() != 1) {
            throw new IllegalArgumentException("Expected one stanza, got " + elements.size() + " in: " + xml);
        }
        return elements.get(0);
    }

    /** Sorted attributes, no whitespace-only text: what two equal stanzas have in common. */
    static String canonical(XmlElement element, boolean ignoreId) {
        return canonicalCopy(element, ignoreId).toXml();
    }

    private static XmlElement canonicalCopy(XmlElement element, boolean ignoreId) {
        XmlElement copy = new XmlElement(element.name(), element.namespace());
        Map<String, String> sorted = new TreeMap<>(element.attributes());
        if (ignoreId) {
            sorted.remove("id");
        }
        sorted.forEach(copy::setAttribute);
        List<XmlNode> children = new ArrayList<>(element.children());
        for (XmlNode child : children) {
            if (child instanceof XmlElement e) {
                copy.addChild(canonicalCopy(e, false));
            } else if (child instanceof XmlText t && !t.text().isBlank()) {
                copy.addText(t.text());
            }
        }
        return copy;
    }

    /** Disconnects and waits until every thread of the stream has ended. */
    @Override
    public void close() {
        xmpp.disconnect();
        peer.receive("</stream:stream>");
        try {
            xmpp.terminated().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionFailedError("The stream did not stop: " + e, e);
        }
    }
}
