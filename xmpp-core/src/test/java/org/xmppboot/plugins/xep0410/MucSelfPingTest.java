package org.xmppboot.plugins.xep0410;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0045.Room;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0410 §3.2 over a scripted room. */
class MucSelfPingTest {

    private static final Jid ROOM = Jid.of("coven@chat.shakespeare.lit");
    private static final String SELF_PRESENCE = "<presence from='coven@chat.shakespeare.lit/thirdwitch' "
            + "to='hag66@shakespeare.lit/pda'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='member' role='participant'/><status code='110'/></x></presence>";

    private static StreamHarness joined(MultiUserChat muc, MucSelfPing selfPing) throws Exception {
        StreamHarness h = new StreamHarness(new BaseXMPP("jabber:client", StreamConfig.defaults().withName("sp")));
        h.xmpp.registerPlugin(muc).registerPlugin(selfPing);
        h.start();
        var join = muc.join(ROOM, "thirdwitch");
        h.nextSent();
        h.receive(SELF_PRESENCE);
        join.get(5, TimeUnit.SECONDS);
        return h;
    }

    /** Sends the self-ping and answers it with an error of this condition (null: a result). */
    private static void pingAnswered(StreamHarness h, MucSelfPing selfPing, String condition) throws Exception {
        selfPing.pingJoinedRooms();
        XmlElement ping = h.nextSent();
        assertThat(ping.attribute("to")).isEqualTo("coven@chat.shakespeare.lit/thirdwitch");
        assertThat(ping.element("ping", "urn:xmpp:ping")).isNotNull();
        h.receive("<iq from='coven@chat.shakespeare.lit/thirdwitch' id='" + ping.attribute("id") + "' type='"
                + (condition == null ? "result'/>" : "error'><error type='cancel'><" + condition
                        + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    }

    @Test
    void answersThatMeanJoinedChangeNothing() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        MucSelfPing selfPing = new MucSelfPing(SelfPingConfig.DEFAULT.withInterval(null));
        try (StreamHarness h = joined(muc, selfPing)) {
            for (String answer : new String[] {null, "service-unavailable", "feature-not-implemented",
                    "item-not-found", "remote-server-not-found"}) {
                pingAnswered(h, selfPing, answer);
                assertThat(h.peer.nextSent(Duration.ofMillis(200))).as("after %s", answer).isNull();
                assertThat(muc.room(ROOM).isJoined()).isTrue();
            }
        }
    }

    @Test
    void notAcceptableMeansTheRoomForgotUsAndWeJoinAgain() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        MucSelfPing selfPing = new MucSelfPing(SelfPingConfig.DEFAULT.withInterval(null));
        try (StreamHarness h = joined(muc, selfPing)) {
            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler(MucSelfPing.EVENT_NOT_JOINED, events::add);
            pingAnswered(h, selfPing, "not-acceptable");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(ROOM);
            XmlElement rejoin = h.nextSent();
            assertThat(rejoin.name()).isEqualTo("presence");
            assertThat(rejoin.attribute("to")).isEqualTo("coven@chat.shakespeare.lit/thirdwitch");
            assertThat(rejoin.element("x", MultiUserChat.NAMESPACE).element("history", MultiUserChat.NAMESPACE)
                    .attribute("since")).as("only what was missed").isNotNull();
            h.receive(SELF_PRESENCE);
            Room room = muc.room(ROOM);
            org.awaitility.Awaitility.await().atMost(StreamHarness.WAIT).until(room::isJoined);
        }
    }

    @Test
    void theTimerPingsEveryInterval() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        MucSelfPing selfPing = new MucSelfPing(SelfPingConfig.DEFAULT.withInterval(Duration.ofMillis(200)));
        try (StreamHarness h = joined(muc, selfPing)) {
            for (int i = 0; i < 2; i++) {
                XmlElement ping = h.nextSent();
                assertThat(ping.element("ping", "urn:xmpp:ping")).isNotNull();
                h.receive("<iq from='coven@chat.shakespeare.lit/thirdwitch' id='" + ping.attribute("id")
                        + "' type='result'/>");
            }
        }
    }
}
