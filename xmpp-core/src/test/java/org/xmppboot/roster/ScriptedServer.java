package org.xmppboot.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlNode;
import org.xmppboot.xml.XmlText;

/**
 * The server side of a client session over the in-memory transport: negotiates SASL PLAIN and binding (with or
 * without the roster versioning feature), then lets a test say what the server says and check what the client
 * writes. Stanzas are written without a namespace and take {@code jabber:client}.
 */
final class ScriptedServer implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Jid ACCOUNT = Jid.of("juliet@example.com");
    static final Jid BOUND = Jid.of("juliet@example.com/balcony");

    private static final String STREAMS = "http://etherx.jabber.org/streams";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";

    final InMemoryTransport peer = new InMemoryTransport().secure();
    final ClientXMPP client;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    ScriptedServer(ClientXMPP client) {
        this.client = client;
    }

    /** The account juliet@example.com: no roster fetch by the client, no initial presence, no reconnection. */
    static ClientConfig.Builder config() {
        return ClientConfig.builder(ACCOUNT, "pw").fetchRoster(false).sendInitialPresence(false)
                .reconnect(ReconnectPolicy.DISABLED).stream(StreamConfig.defaults().withName("roster"));
    }

    /** Records these events of the client, as {@code name payload}, for {@link #nextEvent}. */
    ScriptedServer recordEvents(String... names) {
        for (String name : names) {
            client.addEventHandler(name, data -> events.add(name + " " + data));
        }
        return this;
    }

    @Nullable String nextEvent(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Skips recorded events up to the next one of this name, and returns it. */
    String awaitEvent(String name) throws InterruptedException {
        String event;
        do {
            event = nextEvent(WAIT);
            assertThat(event).as("a %s event within %s", name, WAIT).isNotNull();
        } while (!event.startsWith(name + " "));
        return event;
    }

    /**
     * Negotiates up to the bind result; with {@code versioning} the features after authentication advertise
     * roster versioning. The session is established on return unless the roster is requested during the set-up
     * (by a {@link Roster} or the client's own fetch): then that roster get is the next thing sent.
     */
    ScriptedServer negotiate(boolean versioning) throws Exception {
        client.connect(peer);
        expectHeader();
        recv(header("s1") + "<stream:features><mechanisms xmlns='" + SASL + "'><mechanism>PLAIN</mechanism>"
                + "</mechanisms></stream:features>");
        assertThat(nextSent().name()).isEqualTo("auth");
        recv("<success xmlns='" + SASL + "'/>");
        expectHeader();
        recv(header("s2") + "<stream:features><bind xmlns='" + BIND + "'/>"
                + (versioning ? "<ver xmlns='urn:xmpp:features:rosterver'/>" : "") + "</stream:features>");
        XmlElement bind = nextSent();
        recv("<iq type='result' id='" + bind.attribute("id") + "'><bind xmlns='" + BIND + "'><jid>" + BOUND
                + "</jid></bind></iq>");
        if (!client.clientConfig().fetchRoster() && client.plugin(Roster.class) == null) {
            client.sessionFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private static String header(String id) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='" + STREAMS
                + "' from='example.com' id='" + id + "' version='1.0'>";
    }

    private void expectHeader() throws InterruptedException {
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
    }

    void recv(String xml) {
        peer.receive(xml);
    }

    XmlElement nextSent() throws InterruptedException {
        XmlElement sent = peer.nextSent(WAIT);
        assertThat(sent).as("an element sent within %s", WAIT).isNotNull();
        return sent;
    }

    /** Asserts the next stanza sent equals {@code xml}, attributes in any order; {@code id} is compared if given. */
    XmlElement expectSent(String xml) throws InterruptedException {
        XmlElement expected = XmlElement.parse("<w xmlns='jabber:client'>" + xml + "</w>").elements().get(0);
        XmlElement sent = nextSent();
        boolean compareId = expected.attribute("id") != null;
        assertThat(canonical(sent, compareId)).isEqualTo(canonical(expected, compareId));
        return sent;
    }

    void expectNothingSent() throws InterruptedException {
        XmlElement sent = peer.nextSent(Duration.ofMillis(300));
        assertThat(sent == null ? null : sent.toXml()).as("nothing more sent").isNull();
    }

    /** The client's roster get: asserts its shape, returns its id. */
    String expectRosterGet(@Nullable String version) throws InterruptedException {
        XmlElement get = nextSent();
        assertThat(get.attribute("type")).isEqualTo("get");
        XmlElement query = get.element("query", Roster.NAMESPACE);
        assertThat(query).as("a roster get: %s", get.toXml()).isNotNull();
        assertThat(query.attribute("ver")).isEqualTo(version);
        return get.attribute("id");
    }

    static String canonical(XmlElement element, boolean withId) {
        return canonicalCopy(element, withId).toXml();
    }

    private static XmlElement canonicalCopy(XmlElement element, boolean withId) {
        XmlElement copy = new XmlElement(element.name(), element.namespace());
        Map<String, String> sorted = new TreeMap<>(element.attributes());
        if (!withId) {
            sorted.remove("id");
        }
        sorted.forEach(copy::setAttribute);
        List<XmlNode> children = new ArrayList<>(element.children());
        for (XmlNode child : children) {
            if (child instanceof XmlElement e) {
                copy.addChild(canonicalCopy(e, true));
            } else if (child instanceof XmlText t && !t.text().isBlank()) {
                copy.addChild(new XmlText(t.text()));
            }
        }
        return copy;
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
        peer.receive("</stream:stream>");
        client.terminated().get(10, TimeUnit.SECONDS);
    }
}
