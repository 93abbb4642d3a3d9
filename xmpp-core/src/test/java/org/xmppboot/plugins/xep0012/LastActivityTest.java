package org.xmppboot.plugins.xep0012;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0012's examples over the scripted transport. */
class LastActivityTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static XmlElement ask(StreamHarness h, String id) throws InterruptedException {
        h.receive("<iq from='romeo@montague.net/orchard' id='" + id + "' to='juliet@capulet.com/balcony' "
                + "type='get'><query xmlns='jabber:iq:last'/></iq>");
        Iq result = new Iq(h.nextSent());
        assertThat(result.getId()).isEqualTo(id);
        assertThat(result.getIqType()).isEqualTo(Iq.Type.RESULT);
        return result.getPayload();
    }

    /** XEP-0012 Examples 5 and 7: a client answers its idle time. */
    @Test
    void answersTheTimeSinceTheBotLastSentAMessageWithABody() throws Exception {
        TestClock clock = new TestClock();
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(new LastActivity(clock));
            h.start();

            clock.advance(Duration.ofSeconds(123));
            XmlElement query = ask(h, "last2");
            assertThat(query.is("query", LastActivity.NAMESPACE)).isTrue();
            assertThat(query.attribute("seconds")).as("since the plugin started").isEqualTo("123");

            h.xmpp.sendMessage(Jid.of("romeo@montague.net"), "hello", Message.Type.CHAT);
            h.nextSent();
            clock.advance(Duration.ofSeconds(7));
            Message bodiless = h.xmpp.makeMessage(Jid.of("romeo@montague.net"), null, Message.Type.CHAT);
            bodiless.xml().addElement("active", "http://jabber.org/protocol/chatstates");
            h.xmpp.send(bodiless);
            h.nextSent();
            clock.advance(Duration.ofSeconds(3));
            assertThat(ask(h, "last3").attribute("seconds")).as("the chat state is no activity").isEqualTo("10");
        }
    }

    /** XEP-0012 §5: a component answers its uptime, whatever it sends. */
    @Test
    void aComponentAnswersItsUptime() throws Exception {
        TestClock clock = new TestClock();
        BaseXMPP component = new BaseXMPP("jabber:component:accept", StreamConfig.defaults().withName("component"));
        try (StreamHarness h = new StreamHarness(component)) {
            h.xmpp.registerPlugin(new LastActivity(clock));
            h.xmpp.connect(h.peer);
            h.peer.nextSentEvent(StreamHarness.WAIT);
            h.receive(StreamHarness.PEER_HEADER.replace("jabber:client", "jabber:component:accept"));
            Awaitility.await().atMost(StreamHarness.WAIT).until(() -> h.xmpp.peerHeader() != null);

            clock.advance(Duration.ofSeconds(3600));
            h.xmpp.sendMessage(Jid.of("romeo@montague.net"), "busy", Message.Type.CHAT);
            h.nextSent();
            clock.advance(Duration.ofSeconds(5));
            assertThat(ask(h, "last3").attribute("seconds")).isEqualTo("3605");
        }
    }

    @Test
    void loadsByNameAndAnnouncesTheFeature() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(LastActivity.NAME);
            h.start();
            assertThat(h.discoFeatures()).contains(LastActivity.NAMESPACE);
        }
    }

    /** XEP-0012 Examples 1 and 2: an offline user's last logout, with their last status. */
    @Test
    void readsAnOfflineUsersLastActivityWithItsStatus() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            LastActivity plugin = new LastActivity();
            h.xmpp.registerPlugin(plugin);
            h.start();

            CompletableFuture<LastActivityResult> answer =
                    plugin.getLastActivity(Jid.of("juliet@capulet.com"), Duration.ofSeconds(5));
            Iq request = new Iq(h.nextSent());
            assertThat(request.getTo()).isEqualTo(Jid.of("juliet@capulet.com"));
            assertThat(request.getPayload().is("query", LastActivity.NAMESPACE)).isTrue();
            h.receive("<iq from='juliet@capulet.com' id='" + request.getId() + "' type='result'>"
                    + "<query xmlns='jabber:iq:last' seconds='903'>Heading Home</query></iq>");

            assertThat(answer.get(5, TimeUnit.SECONDS))
                    .isEqualTo(new LastActivityResult(Duration.ofSeconds(903), "Heading Home"));
        }
    }

    /** XEP-0012 Examples 8 and 9: a server's uptime. */
    @Test
    void readsAServersUptime() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            LastActivity plugin = new LastActivity();
            h.xmpp.registerPlugin(plugin);
            h.start();

            CompletableFuture<Duration> uptime = plugin.getUptime(Jid.of("someone@capulet.com"), null);
            Iq request = new Iq(h.nextSent());
            assertThat(request.getTo()).isEqualTo(Jid.of("capulet.com"));
            h.receive("<iq from='capulet.com' id='" + request.getId() + "' type='result'>"
                    + "<query xmlns='jabber:iq:last' seconds='123456'/></iq>");

            assertThat(uptime.get(5, TimeUnit.SECONDS)).isEqualTo(Duration.ofSeconds(123456));
        }
    }

    /** XEP-0012 Example 6: the server refuses for a user we may not see. */
    @Test
    void aRefusalOrAMalformedAnswerFailsTheQuery() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            LastActivity plugin = new LastActivity();
            h.xmpp.registerPlugin(plugin);
            h.start();

            CompletableFuture<LastActivityResult> forbidden =
                    plugin.getLastActivity(Jid.of("romeo@montague.net/orchard"), null);
            String id = new Iq(h.nextSent()).getId();
            h.receive("<iq from='romeo@montague.net/orchard' id='" + id + "' type='error'>"
                    + "<error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            assertThatThrownBy(() -> forbidden.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(StanzaErrorException.class,
                            e -> assertThat(e.condition()).isEqualTo(StanzaError.Condition.FORBIDDEN));

            for (String payload : new String[] {"<query xmlns='jabber:iq:last' seconds='soon'/>",
                    "<query xmlns='jabber:iq:last' seconds='-5'/>", "<query xmlns='jabber:iq:last'/>",
                    "<other xmlns='jabber:iq:last' seconds='5'/>", ""}) {
                CompletableFuture<LastActivityResult> malformed =
                        plugin.getLastActivity(Jid.of("romeo@montague.net/orchard"), null);
                String next = new Iq(h.nextSent()).getId();
                h.receive("<iq from='romeo@montague.net/orchard' id='" + next + "' type='result'>" + payload
                        + "</iq>");
                assertThatThrownBy(() -> malformed.get(5, TimeUnit.SECONDS)).as(payload)
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ProtocolException.class);
            }
        }
    }
}
