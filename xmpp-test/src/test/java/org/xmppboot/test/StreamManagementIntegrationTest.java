package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sm.StreamManagement;
import org.xmppboot.stanza.Message;

/**
 * Stream management (XEP-0198) against real servers: our counts agree with theirs, and a connection lost while
 * messages flow both ways is resumed with nothing lost and nothing repeated.
 */
@XmppServerTest
class StreamManagementIntegrationTest {

    private static final String PASSWORD = "sm-secret";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ClientXMPP reconnecting(LocalServer server, Jid jid) throws Exception {
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD)
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(1))).build());
        client.connect().get(15, TimeUnit.SECONDS);
        return client;
    }

    private static StreamManagement sm(ClientXMPP client) {
        StreamManagement sm = client.streamManagement();
        assertThat(sm).isNotNull();
        assertThat(sm.isEnabled()).as("stream management on").isTrue();
        return sm;
    }

    private static List<String> bodies(ClientXMPP client) {
        List<String> bodies = new CopyOnWriteArrayList<>();
        client.addEventHandler("message", data -> bodies.add(((Message) data).getBody()));
        return bodies;
    }

    private static List<String> numbered(String prefix, int n) {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            all.add(prefix + i);
        }
        return all;
    }

    @Test
    void ourCountsAgreeWithTheServersAfterABurstBothWays(LocalServer server) throws Exception {
        int n = 200;
        ClientXMPP alice = reconnecting(server, Clients.newUser(server, LocalServer.DOMAIN, PASSWORD));
        ClientXMPP bob = Clients.connected(server, Clients.newUser(server, LocalServer.DOMAIN, PASSWORD), PASSWORD);
        BlockingQueue<Object> resumed = new LinkedBlockingQueue<>();
        alice.addEventHandler("session_resumed", resumed::add);
        List<String> atAlice = bodies(alice);
        List<String> atBob = bodies(bob);
        try {
            StreamManagement sm = sm(alice);
            assertThat(sm.isResumable()).isTrue();
            for (int i = 1; i <= n; i++) {
                alice.sendMessage(bob.boundJid(), "a" + i, Message.Type.CHAT);
                bob.sendMessage(alice.boundJid(), "b" + i, Message.Type.CHAT);
            }
            await().atMost(WAIT).until(() -> atAlice.size() == n && atBob.size() == n);

            // Outbound: the server's h is ours (the initial presence and the messages): one too many on either
            // side, and the server's ack would be refused as too high, or never cover the last stanza.
            sm.requestAck();
            sm(bob).requestAck();
            await().atMost(WAIT).until(() -> sm.unackedCount() == 0 && sm(bob).unackedCount() == 0);
            assertThat(sm.ackedCount()).isEqualTo(sm.sentCount()).isEqualTo(n + 1);

            // Inbound: resuming makes the server send again whatever our h does not cover. With our count right,
            // that is nothing, and its <resumed h/> covers everything we sent: nothing goes out again either.
            alice.abort("simulated network failure");
            assertThat(resumed.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(alice.boundJid());
            assertThat(sm.resentTotal()).isZero();
            bob.sendMessage(alice.boundJid(), "after", Message.Type.CHAT);
            await().atMost(WAIT).until(() -> atAlice.contains("after"));
            List<String> expected = numbered("b", n);
            expected.add("after");
            assertThat(atAlice).as("nothing sent again by the server").containsExactlyElementsOf(expected);
        } finally {
            Clients.close(alice);
            Clients.close(bob);
        }
    }

    @Test
    void aConnectionLostBetweenStanzasWhileMessagesFlowIsResumedWithNothingLostOrRepeated(LocalServer server)
            throws Exception {
        lostWhileMessagesFlow(server, true);
    }

    /**
     * The same, cut at any moment, bytes in flight: the server may then have received half a stanza (closing a
     * socket with unread input resets the connection, and the peer drops what it had not read yet). Prosody
     * 0.12.3 goes on parsing a resumed session with the lost connection's parser, so the half stanza breaks the
     * resumed stream (not-well-formed, or the next stanzas swallowed into it until stanza-too-large) and the
     * session ends; what happens to the stanzas then is the server's undoing, not ours. ejabberd is not affected.
     */
    @Test
    void aConnectionCutMidStanzaIsResumedWithNothingLostOrRepeated(LocalServer server) throws Exception {
        assumeTrue(!server.name().equals("prosody"), "Prosody 0.12.3 breaks a resumed stream after a half stanza");
        lostWhileMessagesFlow(server, false);
    }

    /**
     * Alice and bob exchange numbered messages, one a millisecond each way; alice's connection is lost a quarter of
     * the way (between stanzas: once nothing is in flight), and both go on sending while she reconnects.
     */
    private static void lostWhileMessagesFlow(LocalServer server, boolean betweenStanzas) throws Exception {
        int n = 300;
        ClientXMPP alice = reconnecting(server, Clients.newUser(server, LocalServer.DOMAIN, PASSWORD));
        ClientXMPP bob = Clients.connected(server, Clients.newUser(server, LocalServer.DOMAIN, PASSWORD), PASSWORD);
        BlockingQueue<Object> resumed = new LinkedBlockingQueue<>();
        alice.addEventHandler("session_resumed", resumed::add);
        List<String> atAlice = bodies(alice);
        List<String> atBob = bodies(bob);
        Jid aliceJid = alice.boundJid();
        Jid bobJid = bob.boundJid();
        Sender fromAlice = new Sender(n, i -> alice.sendMessage(bobJid, "a" + i, Message.Type.CHAT));
        Sender fromBob = new Sender(n, i -> bob.sendMessage(aliceJid, "b" + i, Message.Type.CHAT));
        try {
            await().atMost(WAIT).until(() -> fromAlice.sent() >= n / 4 && fromBob.sent() >= n / 4);
            if (betweenStanzas) {
                fromAlice.pause();
                fromBob.pause();
                await().atMost(WAIT).until(() -> atBob.size() == fromAlice.sent() && atAlice.size() == fromBob.sent());
            }
            alice.abort("simulated network failure");
            fromAlice.resume();
            fromBob.resume();
            assertThat(resumed.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("session_resumed").isEqualTo(aliceJid);
            fromAlice.join();
            fromBob.join();

            await().atMost(WAIT).until(() -> atAlice.size() >= n && atBob.size() >= n);
            Thread.sleep(500); // anything sent twice would arrive right behind
            assertThat(atBob).as("alice to bob").containsExactlyElementsOf(numbered("a", n));
            if (server.name().equals("ejabberd")) {
                // ejabberd 23.01 re-sends its queue in order, but a stanza routed while the resumed session takes
                // over from the hibernating one can come out a place or two early (seen on the wire, in read
                // order): nothing is lost or repeated, which is what is ours to guarantee.
                assertThat(atAlice).as("bob to alice").doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(numbered("b", n));
            } else {
                assertThat(atAlice).as("bob to alice").containsExactlyElementsOf(numbered("b", n));
            }
            assertThat(alice.boundJid()).isEqualTo(aliceJid);
            assertThat(alice.isSessionEstablished()).isTrue();
        } finally {
            fromAlice.stop();
            fromBob.stop();
            Clients.close(alice);
            Clients.close(bob);
        }
    }

    @Test
    void aFlatOutEchoFloodNeverStalls(LocalServer server) throws Exception {
        int n = 3000;
        ClientXMPP alice = Clients.connected(server, Clients.newUser(server, LocalServer.PERF_DOMAIN, PASSWORD),
                PASSWORD);
        ClientXMPP bob = Clients.connected(server, Clients.newUser(server, LocalServer.PERF_DOMAIN, PASSWORD),
                PASSWORD);
        bob.addEventHandler("message", data -> ((Message) data).reply("echo").send());
        List<String> echoes = bodies(alice);
        try {
            for (int i = 1; i <= n; i++) {
                alice.sendMessage(bob.boundJid(), "m" + i, Message.Type.CHAT);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> echoes.size() == n);
            sm(alice).requestAck();
            await().atMost(WAIT).until(() -> sm(alice).unackedCount() == 0);
            assertThat(sm(bob).sentCount()).isEqualTo(n + 1);
        } finally {
            Clients.close(alice);
            Clients.close(bob);
        }
    }

    /** Sends {@code n} numbered stanzas from a thread of its own, one a millisecond, and can be paused. */
    private static final class Sender {

        private final Thread thread;
        private final AtomicInteger sent = new AtomicInteger();
        private volatile boolean paused;
        private volatile boolean parked;

        Sender(int n, IntConsumer send) {
            thread = new Thread(() -> {
                try {
                    for (int i = 1; i <= n; i++) {
                        while (paused) {
                            parked = true;
                            Thread.sleep(1);
                        }
                        parked = false;
                        sent.incrementAndGet(); // before sending: a pause waits for it to arrive
                        send.accept(i);
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sm-test-sender");
            thread.start();
        }

        /** Stops sending, once the stanza being sent (if any) is counted in {@link #sent()}. */
        void pause() {
            paused = true;
            await().atMost(WAIT).until(() -> parked || !thread.isAlive());
        }

        void resume() {
            paused = false;
        }

        int sent() {
            return sent.get();
        }

        void join() throws InterruptedException {
            thread.join(WAIT.toMillis());
        }

        void stop() {
            thread.interrupt();
        }
    }
}
