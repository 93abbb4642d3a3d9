package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;

/**
 * RFC 6120 §4.4 and §4.9: once a stream is over (the peer's stream error, our closing tag, our stream error), the
 * TCP connection is closed within {@link StreamConfig#closeTimeout()} whatever the peer does, and the connection's
 * end runs (which is what starts recovery).
 */
class BoundedCloseTest {

    private static final Duration WAIT = StreamHarness.WAIT;
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(200);
    /** The close timeout, plus scheduling slack on a loaded machine. */
    private static final long BOUND_MILLIS = CLOSE_TIMEOUT.toMillis() + 1500;
    private static final String HEADER = StreamHarness.PEER_HEADER;

    private final UncaughtExceptions uncaught = UncaughtExceptions.install();

    @AfterEach
    void noThreadDied() {
        uncaught.close();
        assertThat(uncaught.seen()).as("threads ended by an uncaught throwable").isEmpty();
    }

    private static BaseXMPP stream(String name, BlockingQueue<Object> disconnected) {
        BaseXMPP xmpp = new BaseXMPP("jabber:client",
                StreamConfig.defaults().withName(name).withCloseTimeout(CLOSE_TIMEOUT));
        xmpp.addEventHandler("disconnected", disconnected::add);
        return xmpp;
    }

    @Test
    void aStreamErrorFromAPeerThatKeepsTheStreamOpenIsAnsweredAndTheConnectionClosed() throws Exception {
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        BaseXMPP xmpp = stream("error-kept-open", disconnected);
        InMemoryTransport peer = new InMemoryTransport();
        xmpp.connect(peer);
        peer.nextSentEvent(WAIT);
        peer.receive(HEADER + "<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "</stream:error>");

        assertThat(peer.nextSentEvent(WAIT)).as("our closing tag").isInstanceOf(InMemoryTransport.End.class);
        assertThat(disconnected.poll(BOUND_MILLIS, TimeUnit.MILLISECONDS)).as("disconnected within the bound")
                .isNotNull();
        assertThat(peer.isClosed()).isTrue();
        xmpp.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void ourStreamErrorEndsTheConnectionEvenWhenItsWriteNeverReturns() throws Exception {
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        BaseXMPP xmpp = stream("error-stuck", disconnected);
        StallingTransport transport = new StallingTransport();
        xmpp.connect(transport);
        transport.peer.nextSentEvent(WAIT);
        transport.stall();
        transport.peer.receive(HEADER + "<message><body></message>");

        assertThat(transport.awaitBlockedWrite(WAIT)).as("the stream error's write blocks").isTrue();
        assertThat(disconnected.poll(BOUND_MILLIS, TimeUnit.MILLISECONDS)).as("disconnected within the bound")
                .asString().contains("not-well-formed");
        assertThat(transport.isClosed()).isTrue();
        xmpp.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void disconnectBeforeThePeersHeaderEndsTheConnectionEvenWhenTheWriteNeverReturns() throws Exception {
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        BaseXMPP xmpp = stream("close-stuck", disconnected);
        StallingTransport transport = new StallingTransport();
        transport.stall();
        xmpp.connect(transport);
        assertThat(transport.awaitBlockedWrite(WAIT)).as("our header's write blocks").isTrue();

        xmpp.disconnect().get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(disconnected.poll()).isNotNull();
        assertThat(transport.isClosed()).isTrue();
    }

    @Test
    void disconnectInTheStreamEndsTheConnectionEvenWhenTheWriteNeverReturns() throws Exception {
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        BaseXMPP xmpp = stream("close-stuck-open", disconnected);
        StallingTransport transport = new StallingTransport();
        xmpp.connect(transport);
        transport.peer.nextSentEvent(WAIT);
        transport.peer.receive(HEADER);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> xmpp.peerHeader() != null);
        transport.stall();
        xmpp.sendMessage(Jid.of("a@example.com"), "never written", null);
        assertThat(transport.awaitBlockedWrite(WAIT)).isTrue();

        xmpp.disconnect().get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(disconnected.poll()).isNotNull();
        assertThat(transport.isClosed()).isTrue();
    }
}
