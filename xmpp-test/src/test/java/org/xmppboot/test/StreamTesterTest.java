package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/** Client and component negotiation, and the tester itself, with no server. */
class StreamTesterTest {

    /** A plugin in the style users write: answers XEP-0199 pings. */
    static final class PingPlugin implements XmppPlugin {
        @Override
        public String name() {
            return "test_ping";
        }

        @Override
        public void init(PluginContext context) {
            context.registerHandler(StreamHandler.of("ping", Matcher.stanzaPath("iq@type=get/{urn:xmpp:ping}ping"),
                    s -> ((Iq) s).reply().sendResponse()));
        }
    }

    @Test
    void clientSessionWithAPluginAnswersPingsAndRefusesTheRest() {
        try (StreamTester t = StreamTester.client("bot@example.com/test", new PingPlugin())) {
            assertThat(t.client().boundJid()).isEqualTo(Jid.of("bot@example.com/test"));
            assertThat(t.client().saslMechanism()).isEqualTo("PLAIN");

            t.recv("<iq type='get' id='p1' from='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
            t.expectSent("<iq type='result' id='p1' to='example.com'/>");
            t.recv("<iq type='get' id='v1' from='a@example.com/x'><query xmlns='jabber:iq:version'/></iq>");
            t.expectSent("<iq type='error' id='v1' to='a@example.com/x'><error type='cancel'>"
                    + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        }
    }

    @Test
    void expectSentComparesExactlyIgnoringIdOrAsAMask() {
        try (StreamTester t = StreamTester.client("bot@example.com/test")) {
            t.client().sendMessage(Jid.of("a@example.com"), "hi", Message.Type.CHAT);
            t.expectSent("<message type='chat' to='a@example.com'><body>hi</body></message>");

            t.client().send(t.client().makeMessage(Jid.of("a@example.com"), "x", null).setId("m7"));
            t.expectSent("<message to='a@example.com' id='other'><body>x</body></message>",
                    StreamTester.Match.IGNORE_ID);

            t.client().sendMessage(Jid.of("a@example.com"), "long text", Message.Type.CHAT);
            t.expectSent("<message type='chat'/>", StreamTester.Match.MASK);

            t.client().sendMessage(Jid.of("a@example.com"), "one", Message.Type.CHAT);
            assertThatThrownBy(() -> t.expectSent("<message type='chat' to='a@example.com'><body>two</body>"
                    + "</message>")).isInstanceOf(AssertionFailedError.class);
            t.expectNothingSent(Duration.ofMillis(100));
        }
    }

    @Test
    void componentHandshakeAndDefaultFrom() {
        try (StreamTester t = StreamTester.component("bot.example.com")) {
            t.component().sendMessage(Jid.of("user@example.com"), "hello", Message.Type.CHAT);
            t.expectSent("<message xmlns='jabber:component:accept' type='chat' to='user@example.com' "
                    + "from='bot.example.com'><body>hello</body></message>");
        }
    }

    @Test
    void roundTripCheck() {
        Message message = new Message(XmlElement.parse("<message xmlns='jabber:client' to='a@b' type='chat'>"
                + "<body>x &amp; y</body><thread>t</thread><x xmlns='urn:other'/></message>"));
        Message back = StreamTester.checkRoundTrip(message);
        assertThat(back.getBody()).isEqualTo("x & y");
    }

    // ------------------------------------------------------------------ negotiation, scripted by hand

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='s1' version='1.0'>";

    private static ClientXMPP client() {
        return new ClientXMPP(ClientConfig.builder("bot@example.com", "pw").fetchRoster(false)
                .sendInitialPresence(false).stream(StreamConfig.defaults().withName("neg")).build());
    }

    @Test
    void aServerWithoutStartTlsIsRefusedByDefault() throws Exception {
        ClientXMPP client = client();
        InMemoryTransport peer = new InMemoryTransport();
        client.connect(peer);
        peer.receive(HEADER + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>");

        assertThatThrownBy(() -> client.sessionFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(XmppNegotiationException.class)
                .hasMessageContaining("does not offer STARTTLS").hasMessageContaining("TlsMode.OPTIONAL");
        client.terminated().get(10, TimeUnit.SECONDS);
    }

    @Test
    void startTlsThenAuthenticationFailureRaisesFailedAuthAndCloses() throws Exception {
        ClientXMPP client = client();
        BlockingQueue<Object> failures = new LinkedBlockingQueue<>();
        client.addEventHandler("failed_auth", failures::add);
        InMemoryTransport peer = new InMemoryTransport();
        client.connect(peer);
        assertThat(peer.nextSentEvent(StreamTester.WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        peer.receive(HEADER + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                + "</stream:features>");
        assertThat(peer.nextSent(StreamTester.WAIT).toXml())
                .isEqualTo("<starttls xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"/>");
        peer.receive("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(peer.nextSentEvent(StreamTester.WAIT)).as("a new header after TLS")
                .isInstanceOf(InMemoryTransport.Header.class);
        assertThat(client.isSecure()).isTrue();
        peer.receive(HEADER + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + "<mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>");
        XmlElement auth = peer.nextSent(StreamTester.WAIT);
        assertThat(auth.attribute("mechanism")).as("the strongest offered").isEqualTo("SCRAM-SHA-1");
        assertThat(auth.text()).doesNotContain("pw");
        peer.receive("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/>"
                + "<text>Unable to authorize you with the authentication credentials you've sent.</text></failure>");

        Object failure = failures.poll(5, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(SaslException.class);
        assertThat(((SaslException) failure).condition()).isEqualTo("not-authorized");
        assertThatThrownBy(() -> client.sessionFuture().get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(SaslException.class);
        assertThat(peer.nextSentEvent(StreamTester.WAIT)).as("the stream is closed")
                .isInstanceOf(InMemoryTransport.End.class);
        peer.receive("</stream:stream>");
        client.terminated().get(10, TimeUnit.SECONDS);
    }

    @Test
    void nothingBeforeTheSessionReachesHandlersAndHeldStanzasGoOutAfterIt() throws Exception {
        ClientXMPP client = client();
        BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        client.addEventHandler("message", messages::add);
        client.sendMessage(Jid.of("a@example.com"), "queued before connecting", Message.Type.CHAT);
        InMemoryTransport peer = new InMemoryTransport().secure();
        client.connect(peer);
        peer.nextSentEvent(StreamTester.WAIT);
        peer.receive(HEADER + "<message from='evil@example.com'><body>too early</body></message>"
                + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>");
        assertThat(peer.nextSent(StreamTester.WAIT).name()).isEqualTo("auth");
        peer.receive("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        peer.nextSentEvent(StreamTester.WAIT);
        peer.receive(HEADER + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></stream:features>");
        XmlElement bind = peer.nextSent(StreamTester.WAIT);
        peer.receive("<iq type='result' id='" + bind.attribute("id") + "'><bind xmlns='urn:ietf:params:xml:ns:"
                + "xmpp-bind'><jid>bot@example.com/r1</jid></bind></iq>");
        XmlElement session = peer.nextSent(StreamTester.WAIT);
        assertThat(session.element("session", "urn:ietf:params:xml:ns:xmpp-session"))
                .as("a session marked required is established").isNotNull();
        assertThat(client.sessionFuture()).isNotDone();
        peer.receive("<iq type='result' id='" + session.attribute("id") + "'/>");

        assertThat(client.sessionFuture().get(5, TimeUnit.SECONDS)).isEqualTo(Jid.of("bot@example.com/r1"));
        assertThat(peer.nextSent(StreamTester.WAIT).childText("body", "jabber:client"))
                .isEqualTo("queued before connecting");
        peer.receive("<message from='friend@example.com'><body>after</body></message>");
        assertThat(((Message) messages.poll(5, TimeUnit.SECONDS)).getBody()).isEqualTo("after");
        assertThat(messages).isEmpty();
        client.disconnect();
        peer.receive("</stream:stream>");
        client.terminated().get(10, TimeUnit.SECONDS);
    }
}
