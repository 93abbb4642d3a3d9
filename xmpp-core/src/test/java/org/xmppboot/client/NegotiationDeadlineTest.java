package org.xmppboot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.xml.XmlElement;

/** A server that never lets the session open cannot hold the client: negotiation is bounded. */
class NegotiationDeadlineTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration DEADLINE = Duration.ofMillis(300);
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='s1' version='1.0'>";

    private static ClientXMPP client() {
        return new ClientXMPP(ClientConfig.builder("bot@example.com", "pw").fetchRoster(false)
                .sendInitialPresence(false).reconnect(ReconnectPolicy.DISABLED)
                .stream(StreamConfig.defaults().withName("deadline").withNegotiationTimeout(DEADLINE)
                        .withCloseTimeout(Duration.ofMillis(200)))
                .build());
    }

    @Test
    void aServerThatNeverAnswersGetsConnectionTimeoutAndTheSessionFails() throws Exception {
        ClientXMPP client = client();
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        client.addEventHandler("disconnected", disconnected::add);
        InMemoryTransport peer = new InMemoryTransport();
        client.connect(peer);
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);

        XmlElement error = peer.nextSent(WAIT);
        assertThat(error).isNotNull();
        assertThat(error.element("connection-timeout", "urn:ietf:params:xml:ns:xmpp-streams")).isNotNull();
        assertThat(disconnected.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).asString()
                .contains("connection-timeout");
        assertThatThrownBy(() -> client.sessionFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConnectException.class)
                .hasMessageContaining("connection-timeout");
        client.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(peer.isClosed()).isTrue();
    }

    @Test
    void aServerStuckAfterItsFeaturesIsCutOffToo() throws Exception {
        ClientXMPP client = client();
        InMemoryTransport peer = new InMemoryTransport().secure();
        client.connect(peer);
        peer.nextSentEvent(WAIT);
        peer.receive(HEADER + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>");
        assertThat(peer.nextSent(WAIT).name()).isEqualTo("auth");

        XmlElement error = peer.nextSent(WAIT);
        assertThat(error.element("connection-timeout", "urn:ietf:params:xml:ns:xmpp-streams")).isNotNull();
        assertThatThrownBy(() -> client.sessionFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class);
        client.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
