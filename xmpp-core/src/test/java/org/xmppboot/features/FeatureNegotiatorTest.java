package org.xmppboot.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.xml.XmlElement;

/** Features run in order, a pending one holds the rest, and an application adds its own between the built-ins. */
class FeatureNegotiatorTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='s1' version='1.0'>";
    private static final String EXAMPLE_NS = "urn:example:handshake";

    /** Advertised as {@code <hello xmlns='urn:example:handshake'/>}: says hello after binding, waits for welcome. */
    private static final class HelloFeature implements StreamFeature {
        int negotiated;

        @Override
        public String name() {
            return "hello";
        }

        @Override
        public int order() {
            return 350;
        }

        @Override
        public Set<String> namespaces() {
            return Set.of(EXAMPLE_NS);
        }

        @Override
        public void reset() {
            negotiated = 0;
        }

        @Override
        public Outcome negotiate(XmlElement features, Negotiation negotiation) {
            if (!negotiation.isBound() || features.element("hello", EXAMPLE_NS) == null) {
                return Outcome.SKIPPED;
            }
            negotiated++;
            negotiation.send(new XmlElement("hello", EXAMPLE_NS));
            return Outcome.PENDING;
        }

        @Override
        public void receive(XmlElement element, Negotiation negotiation) {
            negotiation.proceed();
        }
    }

    @Test
    void theBuiltInsRunInOrderAndAnAddedFeatureHoldsTheSessionUntilItProceeds() throws Exception {
        ClientXMPP client = new ClientXMPP(ClientConfig.builder("bot@example.com", "pw").fetchRoster(false)
                .sendInitialPresence(false).reconnect(ReconnectPolicy.DISABLED)
                .stream(StreamConfig.defaults().withName("features")).build());
        HelloFeature hello = new HelloFeature();
        client.features().register(hello);
        assertThat(client.features().features()).extracting(StreamFeature::name)
                .containsExactly("starttls", "sasl", "bind", "hello", "session");

        InMemoryTransport peer = new InMemoryTransport().secure();
        client.connect(peer);
        peer.nextSentEvent(WAIT);
        peer.receive(HEADER + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + "<mechanism>PLAIN</mechanism></mechanisms><hello xmlns='" + EXAMPLE_NS + "'/></stream:features>");
        assertThat(peer.nextSent(WAIT).name()).isEqualTo("auth");
        assertThat(hello.negotiated).as("not before binding").isZero();
        peer.receive("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        peer.nextSentEvent(WAIT);
        peer.receive(HEADER + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                + "<hello xmlns='" + EXAMPLE_NS + "'/>"
                + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></stream:features>");
        XmlElement bind = peer.nextSent(WAIT);
        peer.receive("<iq type='result' id='" + bind.attribute("id") + "'><bind xmlns='urn:ietf:params:xml:ns:"
                + "xmpp-bind'><jid>bot@example.com/r1</jid></bind></iq>");

        assertThat(peer.nextSent(WAIT).qualifiedName()).isEqualTo("{" + EXAMPLE_NS + "}hello");
        assertThat(client.sessionFuture()).isNotDone();
        peer.receive("<welcome xmlns='" + EXAMPLE_NS + "'/>");
        XmlElement session = peer.nextSent(WAIT);
        assertThat(session.element("session", SessionFeature.NAMESPACE)).as("the session feature runs last").isNotNull();
        peer.receive("<iq type='result' id='" + session.attribute("id") + "'/>");

        assertThat(client.sessionFuture().get(5, TimeUnit.SECONDS)).isEqualTo(Jid.of("bot@example.com/r1"));
        assertThat(hello.negotiated).isOne();
        client.disconnect();
        peer.receive("</stream:stream>");
        client.terminated().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFeatureOfTheSameNameReplacesTheBuiltIn() {
        BindFeature bind = new BindFeature(null);
        FeatureNegotiator negotiator = new FeatureNegotiator(List.of(bind, new StartTlsFeature(true)));
        StartTlsFeature plaintextAllowed = new StartTlsFeature(false);
        negotiator.register(plaintextAllowed);
        assertThat(negotiator.features()).containsExactly(plaintextAllowed, bind);
    }
}
