package org.xmppboot.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The server side of a client session with stream management, over in-memory transports: one per connection, so
 * a test can lose a connection ({@link #lose()}) and script the next one. Stanzas are written without a namespace
 * and take {@code jabber:client}.
 */
final class SmServer implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Jid ACCOUNT = Jid.of("juliet@example.com");
    static final Jid BOUND = Jid.of("juliet@example.com/balcony");
    static final Jid ROMEO = Jid.of("romeo@example.net");
    static final String SM = "urn:xmpp:sm:3";
    static final String SM_FEATURE = "<sm xmlns='" + SM + "'/>";
    static final String ID = "some-long-sm-id";

    private static final String STREAMS = "http://etherx.jabber.org/streams";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";

    final ClientXMPP client;
    InMemoryTransport peer = new InMemoryTransport().secure();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final BlockingQueue<Object> eventData = new LinkedBlockingQueue<>();
    private int streams;

    SmServer(ClientConfig.Builder config) {
        this(new ClientXMPP(config.build()));
    }

    /** Serves a client made for the test (a subclass that hooks into the stream). */
    SmServer(ClientXMPP client) {
        this.client = client;
    }

    /**
     * No roster fetch, no initial presence; an ack requested every 3 stanzas and never by time. Reconnection is
     * on (the stream lives on after a loss) but far off: tests connect the next transport themselves.
     */
    static ClientConfig.Builder config() {
        return ClientConfig.builder(ACCOUNT, "pw").fetchRoster(false).sendInitialPresence(false)
                .reconnect(ReconnectPolicy.backoff(Duration.ofHours(1), Duration.ofHours(1)))
                .streamManagement(StreamManagementConfig.DEFAULT.withAcks(3, Duration.ofHours(1)))
                .stream(StreamConfig.defaults().withName("sm"));
    }

    StreamManagement sm() {
        StreamManagement sm = client.streamManagement();
        assertThat(sm).isNotNull();
        return sm;
    }

    /** Records these events of the client, as {@code name payload}, for {@link #awaitEvent}. */
    SmServer recordEvents(String... names) {
        for (String name : names) {
            client.addEventHandler(name, data -> {
                eventData.add(data == null ? "null" : data);
                events.add(name + " " + data);
            });
        }
        return this;
    }

    /** Skips recorded events up to the next one of this name, and returns it. */
    String awaitEvent(String name) throws InterruptedException {
        String event;
        do {
            event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("a %s event within %s", name, WAIT).isNotNull();
        } while (!event.startsWith(name + " "));
        return event;
    }

    /** The events recorded so far and not yet awaited, by name. */
    List<String> eventNames() {
        List<String> names = new ArrayList<>();
        for (String e : events) {
            names.add(e.substring(0, e.indexOf(' ')));
        }
        return names;
    }

    /** Connects the client to the current transport and authenticates; the features after SASL are next. */
    SmServer authenticate() throws InterruptedException {
        client.connect(peer);
        expectHeader();
        recv(header() + "<stream:features><mechanisms xmlns='" + SASL + "'><mechanism>PLAIN</mechanism>"
                + "</mechanisms></stream:features>");
        assertThat(nextSent().name()).isEqualTo("auth");
        recv("<success xmlns='" + SASL + "'/>");
        expectHeader();
        return this;
    }

    /** Offers bind and (if {@code sm}) stream management, after authentication. */
    void offerFeatures(boolean sm) {
        recv(header() + "<stream:features><bind xmlns='" + BIND + "'/>" + (sm ? SM_FEATURE : "")
                + "</stream:features>");
    }

    /** Answers the client's bind request. */
    void bind() throws InterruptedException {
        XmlElement bind = nextSent();
        assertThat(bind.element("bind", BIND)).as("a bind request: %s", bind.toXml()).isNotNull();
        recv("<iq type='result' id='" + bind.attribute("id") + "'><bind xmlns='" + BIND + "'><jid>" + BOUND
                + "</jid></bind></iq>");
    }

    /** Expects {@code <enable resume='true'/>} and answers with resumption granted (XEP-0198 Example 4). */
    void enable() throws InterruptedException {
        XmlElement enable = nextSent();
        assertThat(enable.is("enable", SM)).as("<enable/>: %s", enable.toXml()).isTrue();
        assertThat(enable.attribute("resume")).isEqualTo("true");
        recv("<enabled xmlns='" + SM + "' id='" + ID + "' resume='true'/>");
    }

    /** A whole first session: authentication, binding, stream management; the session is established on return. */
    SmServer session() throws Exception {
        authenticate();
        offerFeatures(true);
        bind();
        enable();
        client.sessionFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The network fails: the client's connection ends, and the next one will use a new transport. */
    void lose() throws InterruptedException {
        client.abort("network failure");
        awaitEvent("session_end");
        peer = new InMemoryTransport().secure();
    }

    private String header() {
        streams++;
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='" + STREAMS
                + "' from='example.com' id='s" + streams + "' version='1.0'>";
    }

    void expectHeader() throws InterruptedException {
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
    }

    void recv(String xml) {
        peer.receive(xml);
    }

    /** The server sends a chat message from Romeo. */
    void message(String body) {
        recv("<message from='" + ROMEO + "/orchard' to='" + BOUND + "' type='chat'><body>" + body + "</body>"
                + "</message>");
    }

    XmlElement nextSent() throws InterruptedException {
        XmlElement sent = peer.nextSent(WAIT);
        assertThat(sent).as("an element sent within %s", WAIT).isNotNull();
        return sent;
    }

    /** The body of the next element sent, which must be a message. */
    String nextBody() throws InterruptedException {
        XmlElement sent = nextSent();
        assertThat(sent.name()).as("a message: %s", sent.toXml()).isEqualTo("message");
        return sent.childText("body", "jabber:client");
    }

    /** Asserts the next element sent is this stream management element, with this {@code h} if given. */
    void expectSm(String name, @Nullable Long h) throws InterruptedException {
        XmlElement sent = nextSent();
        assertThat(sent.qualifiedName()).as(sent.toXml()).isEqualTo("{" + SM + "}" + name);
        assertThat(sent.attribute("h")).isEqualTo(h == null ? null : Long.toString(h));
    }

    void expectNothingSent() throws InterruptedException {
        XmlElement sent = peer.nextSent(Duration.ofMillis(300));
        assertThat(sent == null ? null : sent.toXml()).as("nothing more sent").isNull();
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
        peer.receive("</stream:stream>");
        client.terminated().get(10, TimeUnit.SECONDS);
    }
}
