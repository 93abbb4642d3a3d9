package org.xmppboot.plugins.xep0359;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0359 §2's examples, received and sent over the scripted transport. */
class StanzaIdsTest {

    static final Jid ROOM = Jid.of("room@muc.example.com");

    /** XEP-0359 Example 3, with a stanza-id a stranger slipped in first. */
    static final String ROOM_MESSAGE = "<message xmlns='jabber:client' to='room@muc.example.com' type='groupchat'>"
            + "<body>Typical body text</body>"
            + "<stanza-id xmlns='urn:xmpp:sid:0' id='forged' by='mallory@evil.example'/>"
            + "<stanza-id xmlns='urn:xmpp:sid:0' id='5f3dbc5e-e1d3-4077-a492-693f3769c7ad' "
            + "by='room@muc.example.com'/>"
            + "<origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546013'/></message>";

    @Test
    void onlyTheStanzaIdOfTheNamedEntityIsBelieved() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("groupchat_message", messages::add);
            h.receive(ROOM_MESSAGE.replace("xmlns='jabber:client'", "from='room@muc.example.com/x'"));
            Message message = (Message) messages.poll(5, TimeUnit.SECONDS);

            assertThat(message.getStanzaId(ROOM)).isEqualTo("5f3dbc5e-e1d3-4077-a492-693f3769c7ad");
            assertThat(message.getStanzaId(Jid.of("mallory@evil.example"))).isEqualTo("forged");
            assertThat(message.getStanzaId(Jid.of("juliet@capulet.lit"))).isNull();
            assertThat(message.getOriginId()).isEqualTo("de305d54-75b4-431b-adb2-eb6b9e546013");
            assertThat(message.get("origin_id")).isInstanceOf(OriginId.class);
            assertThat(message.get("stanza_id")).isInstanceOf(StanzaId.class);
        }
    }

    @Test
    void malformedIdsAreIgnored() {
        Message message = new Message(XmlElement.parse("<message xmlns='jabber:client'>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' by='room@muc.example.com'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' id='x' by='not@a@jid'/>"
                + "<origin-id xmlns='urn:xmpp:sid:0' id=''/></message>"));

        assertThat(message.getStanzaId(ROOM)).as("no id").isNull();
        assertThat(message.getOriginId()).as("empty id").isNull();
    }

    @Test
    void everyMessageWeSendGetsAnOriginIdUnlessItHasOne() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(new StanzaIds());
            h.start();

            h.xmpp.sendMessage(ROOM, "Typical body text", Message.Type.GROUPCHAT);
            String first = new Message(h.nextSent()).getOriginId();
            h.xmpp.sendMessage(ROOM, "again", Message.Type.GROUPCHAT);
            String second = new Message(h.nextSent()).getOriginId();
            assertThat(first).isNotNull().isNotEqualTo(second);
            assertThat(second).isNotNull();

            Message own = h.xmpp.makeMessage(ROOM, "mine", null).setOriginId("chosen");
            h.xmpp.send(own);
            XmlElement sent = h.nextSent();
            assertThat(sent.elements("origin-id", StanzaIds.NAMESPACE)).hasSize(1);
            assertThat(new Message(sent).getOriginId()).isEqualTo("chosen");

            h.xmpp.send(h.xmpp.makeMessage(ROOM, null, null).error(StanzaError.Condition.BAD_REQUEST, null));
            assertThat(new Message(h.nextSent()).getOriginId()).as("not on errors").isNull();
        }
    }

    @Test
    void originIdsCanBeSwitchedOff() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(new StanzaIds().configure(new StanzaIdConfig(false)));
            h.start();

            h.xmpp.sendMessage(ROOM, "plain", null);
            assertThat(new Message(h.nextSent()).getOriginId()).isNull();
        }
    }

    @Test
    void theArchiveIdIsTheRoomsForGroupchatAndOurAccountsOtherwise() throws Exception {
        Jid self = Jid.of("juliet@capulet.lit/balcony");
        BaseXMPP bound = new BaseXMPP("jabber:client", StreamConfig.defaults().withName("bound")) {
            {
                boundJid = self;
            }
        };
        try (StreamHarness h = new StreamHarness(bound)) {
            StanzaIds plugin = new StanzaIds();
            h.xmpp.registerPlugin(plugin);
            h.start();

            Message inRoom = new Message(XmlElement.parse(ROOM_MESSAGE.replace("to='room@muc.example.com'",
                    "from='room@muc.example.com/romeo'")));
            assertThat(plugin.archiveId(inRoom)).isEqualTo("5f3dbc5e-e1d3-4077-a492-693f3769c7ad");

            Message direct = new Message(XmlElement.parse("<message xmlns='jabber:client' type='chat' "
                    + "from='romeo@montague.lit/orchard'><body>hi</body>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' id='by-romeo' by='romeo@montague.lit'/>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' id='ours' by='juliet@capulet.lit'/></message>"));
            assertThat(plugin.archiveId(direct)).isEqualTo("ours");
            direct.xml().removeElements("stanza-id", StanzaIds.NAMESPACE);
            assertThat(plugin.archiveId(direct)).isNull();
        }
    }

    @Test
    void loadsByNameAndAnnouncesTheFeature() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(StanzaIds.NAME);
            h.start();
            assertThat(h.discoFeatures()).contains(StanzaIds.NAMESPACE);
            assertThat(h.peer.nextSent(Duration.ofMillis(200))).as("disco is not a message: no origin-id").isNull();
        }
    }
}
