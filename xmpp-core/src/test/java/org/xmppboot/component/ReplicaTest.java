package org.xmppboot.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.ConnectionState;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.Transport;
import org.xmppboot.xml.XmlElement;

/**
 * What lets a component run as one of several replicas of a domain: it leaves only after answering what it has
 * received, and a handler that holds the event thread past the stall timeout takes it off the server (so that
 * the server routes to the other replicas) until the handler has returned; it then answers what it received
 * meanwhile on the new connection.
 */
class ReplicaTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration STALL = Duration.ofMillis(300);

    /** A component whose attempts take the next scripted transport. */
    private static final class ScriptedComponent extends ComponentXMPP {
        final BlockingQueue<Transport> transports = new LinkedBlockingQueue<>();
        final AtomicInteger attempts = new AtomicInteger();

        ScriptedComponent(ComponentConfig config) {
            super(config);
        }

        @Override
        protected Transport openTransport() throws IOException {
            attempts.incrementAndGet();
            try {
                Transport next = transports.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    throw new ConnectException("no scripted transport");
                }
                return next;
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
    }

    private ScriptedComponent component;
    /** What blocking handlers wait for; released after each test, so that a failed one still ends. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() throws Exception {
        release.countDown();
        if (component != null) {
            component.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    private static ComponentConfig config(Duration stallTimeout) {
        return ComponentConfig.of("bot.example", "secret", "localhost", 5347)
                .withReconnect(ReconnectPolicy.backoff(Duration.ofMillis(20), Duration.ofMillis(50)))
                .withStream(StreamConfig.defaults().withName("stall").withStallTimeout(stallTimeout)
                        .withCloseTimeout(Duration.ofMillis(200)));
    }

    /** Connects the component over a new scripted transport and returns once its session has started. */
    private InMemoryTransport connected() throws Exception {
        InMemoryTransport server = new InMemoryTransport();
        component.transports.add(server);
        var session = component.connect();
        handshake(server);
        session.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return server;
    }

    /** Plays the server's side of the XEP-0114 handshake. */
    private static void handshake(InMemoryTransport server) throws InterruptedException {
        assertThat(server.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        server.receive("<stream:stream xmlns='jabber:component:accept' "
                + "xmlns:stream='http://etherx.jabber.org/streams' from='bot.example' id='s1'>");
        assertThat(next(server).name()).isEqualTo("handshake");
        server.receive("<handshake/>");
    }

    private static XmlElement next(InMemoryTransport server) throws InterruptedException {
        XmlElement sent = server.nextSent(WAIT);
        assertThat(sent).as("an element within %s", WAIT).isNotNull();
        return sent;
    }

    private static String message(int n) {
        return "<message from='user@example.com/r' to='bot.example' type='chat'><body>" + n + "</body></message>";
    }

    @Test
    void aStalledHandlerClosesTheConnectionAndTheNextOneWaitsUntilItReturns() throws Exception {
        component = new ScriptedComponent(config(STALL));
        List<String> handled = new CopyOnWriteArrayList<>();
        component.addEventHandler("message", data -> {
            Message request = (Message) data;
            if ("1".equals(request.getBody())) {
                release.await();
            }
            handled.add(request.getBody());
            request.reply("re:" + request.getBody()).send();
        });
        InMemoryTransport first = connected();
        first.receive(message(1));
        first.receive(message(2));

        // The watchdog closes the stream once the handler has held the event thread past the stall timeout.
        assertThat(first.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        first.endInput();
        ConnectionState stalled = awaitPhase(ConnectionState.Phase.RECONNECTING);
        assertThat(stalled.reason()).contains("held the event thread");

        // No new connection while the handler holds the event thread, however long the backoff allows.
        InMemoryTransport second = new InMemoryTransport();
        component.transports.add(second);
        Thread.sleep(STALL.toMillis());
        assertThat(second.nextSentEvent(Duration.ofMillis(200))).as("no attempt while stalled").isNull();
        assertThat(component.isSessionEstablished()).isFalse();

        // Once it returns, the component reconnects and answers both messages on the new connection.
        release.countDown();
        handshake(second);
        assertThat(List.of(next(second).childText("body", ComponentXMPP.NAMESPACE),
                next(second).childText("body", ComponentXMPP.NAMESPACE)))
                .containsExactly("re:1", "re:2");
        assertThat(handled).containsExactly("1", "2");
        awaitPhase(ConnectionState.Phase.ESTABLISHED);
    }

    @Test
    void withoutAStallTimeoutASlowHandlerKeepsTheConnection() throws Exception {
        component = new ScriptedComponent(config(Duration.ZERO));
        component.addEventHandler("message", data -> release.await());
        InMemoryTransport only = connected();
        only.receive(message(1));
        assertThat(only.nextSentEvent(STALL.multipliedBy(3))).isNull();
        assertThat(component.isSessionEstablished()).isTrue();
        release.countDown();
    }

    private ConnectionState awaitPhase(ConnectionState.Phase phase) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (component.connectionState().phase() != phase && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(component.connectionState().phase()).isEqualTo(phase);
        return component.connectionState();
    }

    @Test
    void disconnectingWithADrainTimeoutAnswersEverythingReceivedBeforeClosing() throws Exception {
        component = new ScriptedComponent(config(Duration.ZERO));
        component.addEventHandler("message", data -> {
            Thread.sleep(50);
            Message request = (Message) data;
            request.reply("re:" + request.getBody()).send();
        });
        InMemoryTransport only = connected();
        for (int i = 1; i <= 5; i++) {
            only.receive(message(i));
        }
        awaitHandled(only, 1); // the first is being handled, four wait in the queue

        var terminated = component.disconnect(WAIT);
        for (int i = 2; i <= 5; i++) {
            assertThat(next(only).childText("body", ComponentXMPP.NAMESPACE)).isEqualTo("re:" + i);
        }
        assertThat(only.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        only.endInput();
        terminated.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aDrainThatTakesTooLongClosesAtItsTimeout() throws Exception {
        component = new ScriptedComponent(config(Duration.ZERO));
        component.addEventHandler("message", data -> release.await());
        InMemoryTransport only = connected();
        only.receive(message(1));

        long start = System.nanoTime();
        component.disconnect(Duration.ofMillis(200));
        assertThat(only.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        release.countDown();
    }

    @Test
    void whatArrivesAfterOurClosingTagIsHandledAndCounted() throws Exception {
        component = new ScriptedComponent(config(Duration.ZERO));
        List<String> handled = new CopyOnWriteArrayList<>();
        component.addEventHandler("message", data -> handled.add(((Message) data).getBody()));
        InMemoryTransport only = connected();

        var terminated = component.disconnect(WAIT);
        assertThat(only.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        only.receive(message(7)); // routed to us before the server read our closing tag
        only.receive("</stream:stream>");
        terminated.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(handled).containsExactly("7");
        assertThat(component.stanzasReceivedAfterClose()).isEqualTo(1);
    }

    /** Waits for the reply to request {@code n}. */
    private static void awaitHandled(InMemoryTransport server, int n) throws InterruptedException {
        assertThat(next(server).childText("body", ComponentXMPP.NAMESPACE)).isEqualTo("re:" + n);
    }
}
