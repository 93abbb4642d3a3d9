package org.xmppboot.sm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.InboundTracker;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.xml.XmlElement;

/** Stream management (XEP-0198) against a scripted server: enabling, acks both ways, the counts. */
class StreamManagementTest {

    private @Nullable SmServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private SmServer server(ClientConfig.Builder config) {
        server = new SmServer(config);
        return server;
    }

    private void send(SmServer s, String body) {
        s.client.sendMessage(SmServer.ROMEO, body, Message.Type.CHAT);
    }

    @Test
    void enabledAfterBindingWithResumptionAndTheInitialPresenceIsTheFirstStanzaCounted() throws Exception {
        SmServer s = server(SmServer.config().sendInitialPresence(true)).recordEvents("session_start");
        s.authenticate();
        s.offerFeatures(true);
        s.bind();
        s.enable();
        assertThat(s.nextSent().name()).as("initial presence, after <enable/>").isEqualTo("presence");
        s.awaitEvent("session_start");
        assertThat(s.sm().isEnabled()).isTrue();
        assertThat(s.sm().isResumable()).isTrue();

        // §4, Example 7 in reverse: stanzas, a request, an ack of all of them.
        s.message("one");
        s.message("two");
        s.recv("<r xmlns='urn:xmpp:sm:3'/>");
        s.expectSm("a", 2L);

        // Our side: the presence and two messages make three, the ack cadence of the test configuration.
        send(s, "m1");
        send(s, "m2");
        assertThat(s.nextBody()).isEqualTo("m1");
        assertThat(s.nextBody()).isEqualTo("m2");
        s.expectSm("r", null);
        assertThat(s.sm().unackedCount()).isEqualTo(3);
        s.recv("<a xmlns='urn:xmpp:sm:3' h='3'/>");
        await().atMost(SmServer.WAIT).until(() -> s.sm().unackedCount() == 0);
        assertThat(s.sm().sentCount()).isEqualTo(3);
        assertThat(s.sm().ackedCount()).isEqualTo(3);
        assertThat(s.client.connectionDetails()).containsEntry("streamManagement", "resumable");
    }

    @Test
    void onlyStanzasAreCountedNotAcksRequestsOrOtherElements() throws Exception {
        SmServer s = server(SmServer.config()).session();
        s.recv("<r xmlns='urn:xmpp:sm:3'/>");
        s.expectSm("a", 0L);
        s.message("one");
        s.recv("<iq type='result' id='nobody-asked'/><presence from='romeo@example.net/orchard'/>"
                + "<a xmlns='urn:xmpp:sm:3' h='0'/><r xmlns='urn:xmpp:sm:3'/>");
        s.expectSm("a", 3L);
        s.recv("<r xmlns='urn:xmpp:sm:3'/>");
        s.expectSm("a", 3L);
        assertThat(s.sm().receivedCount()).isEqualTo(3);
    }

    @Test
    void theServersRequestIsAnsweredOnTheReadThreadWhileTheEventThreadIsBusy() throws Exception {
        SmServer s = server(SmServer.config()).session();
        CountDownLatch release = new CountDownLatch(1);
        s.client.addEventHandler("message", m -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            s.message("blocks the event thread");
            s.recv("<r xmlns='urn:xmpp:sm:3'/>");
            s.expectSm("a", 1L);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAckOfMoreThanWasSentEndsTheStreamWithUndefinedCondition() throws Exception {
        SmServer s = server(SmServer.config()).session();
        send(s, "m1");
        assertThat(s.nextBody()).isEqualTo("m1");
        s.recv("<a xmlns='urn:xmpp:sm:3' h='2'/>");

        XmlElement error = s.nextSent();
        assertThat(error.qualifiedName()).isEqualTo("{http://etherx.jabber.org/streams}error");
        assertThat(error.element("undefined-condition", "urn:ietf:params:xml:ns:xmpp-streams")).isNotNull();
        assertThat(s.peer.nextSentEvent(SmServer.WAIT)).isInstanceOf(InMemoryTransport.End.class);
    }

    @Test
    void countsWrapFromTwoToTheThirtyTwoMinusOneBackToZero() throws Exception {
        SmServer s = server(SmServer.config()).session();
        s.sm().acks.startCountsAt(0xFFFF_FFFE, 0xFFFF_FFFE);

        s.message("4294967295");
        s.message("0");
        s.message("1");
        s.recv("<r xmlns='urn:xmpp:sm:3'/>");
        s.expectSm("a", 1L);

        send(s, "m1");
        assertThat(s.nextBody()).isEqualTo("m1");
        s.recv("<a xmlns='urn:xmpp:sm:3' h='4294967295'/>");
        await().atMost(SmServer.WAIT).until(() -> s.sm().unackedCount() == 0);
        send(s, "m2");
        send(s, "m3");
        assertThat(s.nextBody()).isEqualTo("m2");
        assertThat(s.nextBody()).isEqualTo("m3");
        s.expectSm("r", null);
        s.recv("<a xmlns='urn:xmpp:sm:3' h='1'/>");
        await().atMost(SmServer.WAIT).until(() -> s.sm().unackedCount() == 0);
        assertThat(s.sm().sentCount()).isEqualTo(1);
        assertThat(s.client.isConnected()).as("no ack was taken for too high").isTrue();
    }

    @Test
    void aServerThatNeverAcknowledgesGetsTheConnectionEndedAtTheBoundAndNothingIsForgotten() throws Exception {
        SmServer s = server(SmServer.config().streamManagement(StreamManagementConfig.DEFAULT
                .withAcks(2, Duration.ofHours(1)).withMaxUnacked(4))).recordEvents("disconnected");
        s.session();
        for (int i = 1; i <= 4; i++) {
            send(s, "m" + i);
        }
        assertThat(s.awaitEvent("disconnected")).contains("acknowledged none of the last 4 stanzas");
        assertThat(s.sm().unackedCount()).isEqualTo(4);

        s.peer = new InMemoryTransport().secure();
        s.authenticate();
        s.offerFeatures(true);
        assertThat(s.nextSent().name()).isEqualTo("resume");
        s.recv("<resumed xmlns='urn:xmpp:sm:3' h='1' previd='" + SmServer.ID + "'/>");
        assertThat(List.of(s.nextBody(), s.nextBody(), s.nextBody())).containsExactly("m2", "m3", "m4");
    }

    @Test
    void aCleanDisconnectSendsOurCountAndAsksForTheServersBeforeClosingAndForgetsTheSession() throws Exception {
        SmServer s = server(SmServer.config()).session();
        s.message("one");
        send(s, "m1");
        assertThat(s.nextBody()).isEqualTo("m1");
        await().atMost(SmServer.WAIT).until(() -> s.sm().receivedCount() == 1);

        s.client.disconnect();
        s.expectSm("a", 1L);
        s.expectSm("r", null);
        assertThat(s.peer.nextSentEvent(SmServer.WAIT)).isInstanceOf(InMemoryTransport.End.class);
        assertThat(s.sm().isResumable()).isFalse();
        s.recv("<a xmlns='urn:xmpp:sm:3' h='1'/></stream:stream>");
        s.client.terminated().get(10, TimeUnit.SECONDS);
        assertThat(s.sm().unackedCount()).isZero();
    }

    @Test
    void switchedOffItIsNotEnabledWhereOffered() throws Exception {
        SmServer s = server(SmServer.config().streamManagement(StreamManagementConfig.DISABLED));
        s.authenticate();
        s.offerFeatures(true);
        s.bind();
        s.client.sessionFuture().get(5, TimeUnit.SECONDS);
        assertThat(s.client.streamManagement()).isNull();
        s.recv("<r xmlns='urn:xmpp:sm:3'/>");
        s.expectNothingSent();
    }

    @Test
    void aServerWithoutItGetsNoEnableAndTheSessionStarts() throws Exception {
        SmServer s = server(SmServer.config());
        s.authenticate();
        s.offerFeatures(false);
        s.bind();
        s.client.sessionFuture().get(5, TimeUnit.SECONDS);
        send(s, "m1");
        assertThat(s.nextBody()).isEqualTo("m1");
        assertThat(s.sm().isEnabled()).isFalse();
        assertThat(s.sm().unackedCount()).isZero();
    }

    @Test
    void aFloodWithAnAckRequestAfterEveryStanzaIsAnsweredInFullWhileEchoing() throws Exception {
        int n = 3000;
        SmServer s = server(SmServer.config().stream(StreamConfig.defaults().withName("flood")
                .withEventQueueCapacity(16)));
        s.session();
        s.client.addEventHandler("message", data -> ((Message) data).reply("echo").send());
        StringBuilder burst = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            burst.append("<message from='romeo@example.net/orchard' type='chat'><body>").append(i)
                    .append("</body></message><r xmlns='urn:xmpp:sm:3'/>");
        }
        s.recv(burst.toString());

        int echoes = 0;
        long lastAck = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((echoes < n || lastAck < n) && System.nanoTime() < deadline) {
            XmlElement sent = s.peer.nextSent(Duration.ofSeconds(5));
            assertThat(sent).as("%d echoes and an ack up to %d so far", echoes, lastAck).isNotNull();
            if (sent.name().equals("message")) {
                echoes++;
            } else if (sent.name().equals("a")) {
                long h = Long.parseLong(sent.attribute("h"));
                assertThat(h).as("acks in order").isGreaterThan(lastAck);
                lastAck = h;
            } else if (sent.name().equals("r")) {
                s.recv("<a xmlns='urn:xmpp:sm:3' h='" + s.sm().sentCount() + "'/>");
            }
        }
        assertThat(echoes).isEqualTo(n);
        assertThat(lastAck).isEqualTo(n);
    }

    @Test
    void aStanzaReadAfterItsConnectionEndedIsNeitherCountedNorDelivered() throws Exception {
        SmServer s = server(SmServer.config()).session();
        BlockingQueue<Object> delivered = new LinkedBlockingQueue<>();
        s.client.addEventHandler("message", delivered::add);
        XmlElement message = XmlElement.parse("<message xmlns='jabber:client' from='romeo@example.net/orchard'>"
                + "<body>late</body></message>");

        InboundTracker tracker = s.sm().inboundTracker();
        assertThat(tracker.received(message, () -> false)).as("live: counted, passed on").isFalse();
        assertThat(s.sm().receivedCount()).isEqualTo(1);
        assertThat(tracker.received(message, () -> true)).as("ended: taken, so nothing sees it").isTrue();
        assertThat(s.sm().receivedCount()).isEqualTo(1);
        assertThat(tracker.received(XmlElement.parse("<r xmlns='urn:xmpp:sm:3'/>"), () -> true)).isTrue();
        s.expectNothingSent();
        assertThat(delivered).isEmpty();
    }
}
