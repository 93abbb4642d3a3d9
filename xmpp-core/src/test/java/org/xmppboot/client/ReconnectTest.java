package org.xmppboot.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.ConnectionState;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.reconnect.Reconnecting;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.Transport;
import org.xmppboot.xml.XmlElement;

/**
 * Recovery over scripted servers: every end nobody asked for is followed by another attempt, but for the failures
 * retrying cannot cure.
 */
class ReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='s1' version='1.0'>";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    private static final String PLAIN_ONLY = "<stream:features><mechanisms xmlns='" + SASL
            + "'><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

    /** A client whose attempts take the next scripted transport, or fail with the next scripted exception. */
    private static final class ScriptedClient extends ClientXMPP {
        final BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
        final AtomicInteger attempts = new AtomicInteger();
        final List<Reconnecting> reconnecting = new CopyOnWriteArrayList<>();
        final BlockingQueue<Object> sessions = new LinkedBlockingQueue<>();

        ScriptedClient(ClientConfig config) {
            super(config);
            addEventHandler("reconnecting", data -> reconnecting.add((Reconnecting) data));
            addEventHandler("session_start", sessions::add);
        }

        @Override
        protected Transport openTransport() throws IOException {
            attempts.incrementAndGet();
            Object next;
            try {
                next = outcomes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (next instanceof IOException e) {
                throw e;
            }
            if (next == null) {
                throw new ConnectException("no scripted outcome");
            }
            return (Transport) next;
        }
    }

    private ScriptedClient client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    private static ClientConfig.Builder config(ReconnectPolicy policy) {
        return ClientConfig.builder("bot@example.com", "pw").fetchRoster(false).sendInitialPresence(false)
                .reconnect(policy).stream(StreamConfig.defaults().withName("reconnect").withCloseTimeout(
                        Duration.ofMillis(200)));
    }

    private static ReconnectPolicy fast() {
        return ReconnectPolicy.backoff(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private static XmlElement next(InMemoryTransport server) throws InterruptedException {
        XmlElement sent = server.nextSent(WAIT);
        assertThat(sent).as("an element within %s", WAIT).isNotNull();
        return sent;
    }

    /** Plays a server that logs the client in as bot@example.com/r{n}. */
    private static void logIn(InMemoryTransport server, int n) throws InterruptedException {
        assertThat(server.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        server.receive(HEADER + PLAIN_ONLY);
        assertThat(next(server).name()).isEqualTo("auth");
        server.receive("<success xmlns='" + SASL + "'/>");
        assertThat(server.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        server.receive(HEADER + "<stream:features><bind xmlns='" + BIND + "'/></stream:features>");
        XmlElement bind = next(server);
        server.receive("<iq type='result' id='" + bind.attribute("id") + "'><bind xmlns='" + BIND
                + "'><jid>bot@example.com/r" + n + "</jid></bind></iq>");
    }

    @Test
    void aFailedFirstConnectIsRetriedUntilTheServerAnswers() throws Exception {
        client = new ScriptedClient(config(fast()).build());
        client.outcomes.add(new ConnectException("Connection refused"));
        client.outcomes.add(new ConnectException("Connection refused"));
        InMemoryTransport server = new InMemoryTransport().secure();
        client.outcomes.add(server);

        var session = client.connect();
        logIn(server, 1);

        assertThat(session.get(5, TimeUnit.SECONDS)).isEqualTo(Jid.of("bot@example.com/r1"));
        assertThat(client.attempts).hasValue(3);
        assertThat(client.reconnecting).extracting(Reconnecting::retry).containsExactly(1, 2);
        assertThat(client.reconnecting).allSatisfy(r -> {
            assertThat(r.delay()).isLessThanOrEqualTo(fast().bound(r.retry()));
            assertThat(r.reason()).contains("Connection refused");
        });
        assertThat(client.connectionState().phase()).isEqualTo(ConnectionState.Phase.ESTABLISHED);
    }

    @Test
    void aLostSessionIsEstablishedAgainAndWhatWasSentMeanwhileGoesOut() throws Exception {
        client = new ScriptedClient(config(fast()).build());
        InMemoryTransport first = new InMemoryTransport().secure();
        client.outcomes.add(first);
        client.connect();
        logIn(first, 1);
        assertThat(client.sessions.poll(5, TimeUnit.SECONDS)).isNotNull();

        first.endInput(); // the server goes away without a word
        while (client.reconnecting.isEmpty()) { // sent before the end is noticed, it would be lost with the connection
            Thread.sleep(5);
        }
        InMemoryTransport second = new InMemoryTransport().secure();
        client.sendMessage(Jid.of("friend@example.com"), "while away", null);
        client.outcomes.add(second);
        logIn(second, 2);

        assertThat(client.sessions.poll(5, TimeUnit.SECONDS)).isEqualTo(Jid.of("bot@example.com/r2"));
        assertThat(next(second).childText("body", "jabber:client")).isEqualTo("while away");
        assertThat(client.reconnecting).hasSize(1);
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnAfterTheNegotiationTimeoutAndRetried() throws Exception {
        client = new ScriptedClient(config(fast()).negotiationTimeout(Duration.ofMillis(300)).build());
        InMemoryTransport silent = new InMemoryTransport().secure();
        InMemoryTransport good = new InMemoryTransport().secure();
        client.outcomes.add(silent);
        client.outcomes.add(good);

        var session = client.connect();
        logIn(good, 1);

        assertThat(session.get(5, TimeUnit.SECONDS)).isEqualTo(Jid.of("bot@example.com/r1"));
        assertThat(silent.isClosed()).isTrue();
        assertThat(client.reconnecting.get(0).reason()).contains("not established within");
    }

    @Test
    void anAuthenticationFailureIsFinal() throws Exception {
        client = new ScriptedClient(config(fast()).build());
        InMemoryTransport server = new InMemoryTransport().secure();
        client.outcomes.add(server);

        var session = client.connect();
        assertThat(server.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        server.receive(HEADER + PLAIN_ONLY);
        next(server);
        server.receive("<failure xmlns='" + SASL + "'><not-authorized/></failure>");

        assertThat(session).failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOf(SaslException.class);
        client.terminated().get(5, TimeUnit.SECONDS);
        assertThat(client.attempts).hasValue(1);
        assertThat(client.reconnecting).isEmpty();
        assertThat(client.connectionState().phase()).isEqualTo(ConnectionState.Phase.FAILED);
        assertThat(client.connectionState().reason()).contains("not-authorized");
    }

    @Test
    void aTemporaryAuthenticationFailureIsRetried() throws Exception {
        client = new ScriptedClient(config(fast()).build());
        InMemoryTransport first = new InMemoryTransport().secure();
        InMemoryTransport second = new InMemoryTransport().secure();
        client.outcomes.add(first);
        client.outcomes.add(second);

        var session = client.connect();
        assertThat(first.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        first.receive(HEADER + PLAIN_ONLY);
        next(first);
        first.receive("<failure xmlns='" + SASL + "'><temporary-auth-failure/></failure>");
        logIn(second, 2);

        assertThat(session.get(5, TimeUnit.SECONDS)).isEqualTo(Jid.of("bot@example.com/r2"));
    }

    @Test
    void conflictEndingTwoSessionsInARowIsFinal() throws Exception {
        client = new ScriptedClient(config(fast()).build());
        InMemoryTransport first = new InMemoryTransport().secure();
        InMemoryTransport second = new InMemoryTransport().secure();
        client.outcomes.add(first);
        client.outcomes.add(second);
        client.connect();
        String conflict = "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>";

        logIn(first, 1);
        assertThat(client.sessions.poll(5, TimeUnit.SECONDS)).isNotNull();
        first.receive(conflict);
        logIn(second, 2);
        assertThat(client.sessions.poll(5, TimeUnit.SECONDS)).as("one conflict: retried").isNotNull();
        second.receive(conflict);

        client.terminated().get(5, TimeUnit.SECONDS);
        assertThat(client.attempts).hasValue(2);
        assertThat(client.connectionState().phase()).isEqualTo(ConnectionState.Phase.FAILED);
    }

    @Test
    void theAttemptsRunOutAtTheLimit() throws Exception {
        client = new ScriptedClient(config(fast().withMaxAttempts(3)).build());
        for (int i = 0; i < 5; i++) {
            client.outcomes.add(new ConnectException("Connection refused"));
        }

        assertThat(client.connect()).failsWithin(WAIT).withThrowableThat().havingCause()
                .isInstanceOf(ConnectException.class);
        client.terminated().get(5, TimeUnit.SECONDS);
        assertThat(client.attempts).hasValue(3);
        assertThat(client.connectionState().reason()).contains("Connection refused");
    }

    @Test
    void disconnectStopsTheRetrying() throws Exception {
        client = new ScriptedClient(config(ReconnectPolicy.backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .build());
        client.outcomes.add(new ConnectException("Connection refused"));
        var session = client.connect();
        while (client.reconnecting.isEmpty()) {
            Thread.sleep(10);
        }

        client.disconnect().get(5, TimeUnit.SECONDS);

        assertThat(session).isCompletedExceptionally();
        assertThat(client.connectionState().phase()).isEqualTo(ConnectionState.Phase.CLOSED);
        assertThat(client.attempts).hasValue(1);
    }
}
