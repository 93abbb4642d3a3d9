package org.xmppboot.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sasl.ChannelBinding;
import org.xmppboot.sasl.ChannelBindings;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/** Client negotiation against a scripted server: what a hostile or quirky server must not achieve. */
class ClientNegotiationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='s1' version='1.0'>";
    private static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    private static final String EVIL_MESSAGE = "<message xmlns='urn:evil' type='chat' from='mallory@example.com'>"
            + "<body>spoofed</body></message>";

    private InMemoryTransport peer = new InMemoryTransport();
    private @Nullable ClientXMPP client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.disconnect();
            peer.receive("</stream:stream>");
            client.terminated().get(10, TimeUnit.SECONDS);
        }
    }

    private ClientXMPP start(ClientConfig.Builder config) throws InterruptedException {
        return start(new ClientXMPP(config.build()));
    }

    private ClientXMPP startOver(InMemoryTransport transport, ClientConfig.Builder config)
            throws InterruptedException {
        peer = transport;
        return start(config);
    }

    private ClientXMPP start(ClientXMPP xmpp) throws InterruptedException {
        client = xmpp;
        xmpp.connect(peer);
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        return xmpp;
    }

    private static ClientConfig.Builder config() {
        return ClientConfig.builder("bot@example.com", "pw").fetchRoster(false).sendInitialPresence(false)
                .reconnect(ReconnectPolicy.DISABLED).stream(StreamConfig.defaults().withName("neg"));
    }

    private XmlElement nextSent() throws InterruptedException {
        XmlElement sent = peer.nextSent(WAIT);
        assertThat(sent).as("an element sent within %s", WAIT).isNotNull();
        return sent;
    }

    private static String mechanisms(String... names) {
        StringBuilder sb = new StringBuilder("<mechanisms xmlns='" + SASL + "'>");
        for (String name : names) {
            sb.append("<mechanism>").append(name).append("</mechanism>");
        }
        return sb.append("</mechanisms>").toString();
    }

    @Test
    void bytesThatArriveWithProceedAreDiscardedNotParsedAsIfTheyCameOverTls() throws Exception {
        start(config());
        peer.receive(HEADER + "<stream:features><starttls xmlns='" + TLS + "'/></stream:features>");
        assertThat(nextSent().name()).isEqualTo("starttls");

        // RFC 6120 §5.4.3.3: a man in the middle appends a forged header and features offering only PLAIN to
        // <proceed/>, in the same read, hoping they are taken as the server's first words over TLS.
        peer.receive("<proceed xmlns='" + TLS + "'/>" + HEADER
                + "<stream:features>" + mechanisms("PLAIN") + "</stream:features>");
        assertThat(peer.nextSentEvent(WAIT)).as("a new header, over TLS").isInstanceOf(InMemoryTransport.Header.class);

        peer.receive(HEADER + "<stream:features>" + mechanisms("SCRAM-SHA-1", "PLAIN") + "</stream:features>");
        XmlElement auth = nextSent();
        assertThat(auth.attribute("mechanism")).as("chosen from the features that came over TLS")
                .isEqualTo("SCRAM-SHA-1");
    }

    @Test
    void foreignNamespaceStanzasReachNoHandlerBeforeTlsBeforeAuthBeforeBindNorAfter() throws Exception {
        ClientXMPP xmpp = new ClientXMPP(config().build());
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        xmpp.registerHandler(StreamHandler.of("path", Matcher.stanzaPath("message@type=chat/body"),
                s -> seen.add("path " + s.xml().namespace())));
        xmpp.registerHandler(StreamHandler.of("xpath", Matcher.xpath("message/body"),
                s -> seen.add("xpath " + s.xml().namespace())));
        xmpp.registerHandler(StreamHandler.of("mask", Matcher.mask("<message type='chat'><body/></message>"),
                s -> seen.add("mask " + s.xml().namespace())));
        xmpp.addEventHandler("message", m -> seen.add("event"));
        start(xmpp);

        peer.receive(HEADER + EVIL_MESSAGE + "<stream:features><starttls xmlns='" + TLS + "'/></stream:features>");
        assertThat(nextSent().name()).isEqualTo("starttls");
        peer.receive("<proceed xmlns='" + TLS + "'/>");
        peer.nextSentEvent(WAIT);
        peer.receive(HEADER + EVIL_MESSAGE + "<stream:features>" + mechanisms("PLAIN") + "</stream:features>");
        assertThat(nextSent().name()).isEqualTo("auth");
        peer.receive(EVIL_MESSAGE + "<message type='chat' from='mallory@example.com'><body>early</body></message>"
                + "<success xmlns='" + SASL + "'/>");
        peer.nextSentEvent(WAIT);
        peer.receive(HEADER + EVIL_MESSAGE + "<stream:features><bind xmlns='" + BIND + "'/></stream:features>");
        XmlElement bind = nextSent();
        peer.receive(EVIL_MESSAGE + "<iq type='result' id='" + bind.attribute("id") + "'><bind xmlns='" + BIND
                + "'><jid>bot@example.com/r1</jid></bind></iq>");
        xmpp.sessionFuture().get(5, TimeUnit.SECONDS);

        peer.receive(EVIL_MESSAGE + "<message type='chat' from='friend@example.com'><body>hi</body></message>");
        for (int i = 0; i < 4; i++) {
            assertThat(seen.poll(5, TimeUnit.SECONDS)).as("only the jabber:client message after the session")
                    .isIn("path jabber:client", "xpath jabber:client", "mask jabber:client", "event");
        }
        assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void beforeTheSessionAForgedResultCannotCompleteARequestNotYetSent() throws Exception {
        ClientXMPP xmpp = start(config());
        Iq request = xmpp.makeIqGet("jabber:iq:version", null);
        request.setId("v1");
        CompletableFuture<Iq> pending = xmpp.sendIq(request, null);
        peer.receive(HEADER + "<iq type='result' id='v1'/><stream:features><starttls xmlns='" + TLS + "'/>"
                + "</stream:features>");
        assertThat(nextSent().name()).as("negotiation goes on").isEqualTo("starttls");
        assertThat(pending).isNotDone();
    }

    @Test
    void plusWithAnAssumedBindingIsRetriedOnceWithoutBindingWhenRefused() throws Exception {
        ClientXMPP xmpp = startOver(tls13WithExporter(), config());
        peer.receive(HEADER + "<stream:features>" + mechanisms("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")
                + "</stream:features>");
        XmlElement first = nextSent();
        assertThat(first.attribute("mechanism")).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(gs2Header(first)).isEqualTo("p=tls-exporter,,");

        peer.receive("<failure xmlns='" + SASL + "'><not-authorized/><text>Invalid channel binding</text></failure>");
        XmlElement second = nextSent();
        assertThat(second.attribute("mechanism")).isEqualTo("SCRAM-SHA-256");
        assertThat(gs2Header(second)).as("n: the server offered -PLUS, we cannot give it what it takes")
                .isEqualTo("n,,");

        peer.receive("<failure xmlns='" + SASL + "'><not-authorized/></failure>");
        assertThat(xmpp.sessionFuture()).failsWithin(WAIT);
    }

    @Test
    void noRetryWhenTheBindingTypeWasAnnouncedOrRetryIsSwitchedOff() throws Exception {
        ClientXMPP xmpp = startOver(tls13WithExporter(), config().retryWithoutChannelBinding(false));
        peer.receive(HEADER + "<stream:features>" + mechanisms("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")
                + "</stream:features>");
        assertThat(nextSent().attribute("mechanism")).isEqualTo("SCRAM-SHA-256-PLUS");
        peer.receive("<failure xmlns='" + SASL + "'><not-authorized/></failure>");

        assertThat(xmpp.sessionFuture()).failsWithin(WAIT);
        assertThat(peer.nextSentEvent(WAIT)).as("the stream is closed, no second <auth/>")
                .isInstanceOf(InMemoryTransport.End.class);
    }

    @Test
    void anAnnouncedBindingThatIsRefusedIsNotRetried() throws Exception {
        ClientXMPP xmpp = startOver(tls13WithExporter(), config());
        peer.receive(HEADER + "<stream:features>" + mechanisms("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")
                + "<sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-exporter'/>"
                + "</sasl-channel-binding></stream:features>");
        assertThat(gs2Header(nextSent())).isEqualTo("p=tls-exporter,,");
        peer.receive("<failure xmlns='" + SASL + "'><not-authorized/></failure>");

        assertThat(xmpp.sessionFuture()).failsWithin(WAIT);
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
    }

    private static String gs2Header(XmlElement auth) {
        String initial = new String(Base64.getDecoder().decode(auth.text()), StandardCharsets.UTF_8);
        return initial.substring(0, initial.indexOf("n=", 2));
    }

    /** A scripted server over TLS 1.3 on a JVM that exports keying material, as Java 25 does. */
    private static InMemoryTransport tls13WithExporter() {
        return new InMemoryTransport().secure(new ChannelBindings() {
            @Override
            public String protocol() {
                return "TLSv1.3";
            }

            @Override
            public @Nullable ChannelBinding binding(String type) {
                return type.equals("tls-exporter") ? new ChannelBinding(type, new byte[32]) : null;
            }
        });
    }
}
