package org.xmppboot.plugins.xep0297;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0203.Delay;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0297 §3.1's example, received and sent over the scripted transport. */
class ForwardingTest {

    static final String MOOD = "http://jabber.org/protocol/mood";

    /** XEP-0297 Example 2, as Mercutio receives it. */
    static final String FORWARDED = "<message to='mercutio@verona.lit' from='romeo@montague.lit/orchard' "
            + "type='chat' id='28gs'><body>A most courteous exposition!</body>"
            + "<forwarded xmlns='urn:xmpp:forward:0'>"
            + "<delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>"
            + "<message from='juliet@capulet.lit/orchard' id='0202197' to='romeo@montague.lit' type='chat' "
            + "xmlns='jabber:client'><body>Yet I should kill thee with much cherishing.</body>"
            + "<mood xmlns='http://jabber.org/protocol/mood'><amorous/></mood></message>"
            + "</forwarded></message>";

    private static Message receive(StreamHarness h, String xml) throws InterruptedException {
        return receive(h, "message", xml);
    }

    private static Message receive(StreamHarness h, String event, String xml) throws InterruptedException {
        BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler(event, messages::add);
        h.receive(xml);
        Object message = messages.poll(5, TimeUnit.SECONDS);
        assertThat(message).as("the message reaches handlers").isInstanceOf(Message.class);
        return (Message) message;
    }

    private static Message forwardedWith(String inner) {
        return new Message(XmlElement.parse("<message xmlns='jabber:client'><forwarded xmlns='urn:xmpp:forward:0'>"
                + inner + "</forwarded></message>"));
    }

    @Test
    void theForwardedMessageReadsLikeAnyMessage() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            Message outer = receive(h, FORWARDED);

            Forwarded forwarded = outer.getForwarded();
            assertThat(forwarded).isNotNull();
            assertThat(outer.get("forwarded")).as("reachable by name").isInstanceOf(Forwarded.class);
            assertThat(forwarded.getDelay().getStamp()).isEqualTo(Instant.parse("2010-07-10T23:08:25Z"));
            assertThat(forwarded.get("delay")).isInstanceOf(Delay.class);
            Message inner = forwarded.getMessage();
            assertThat(inner.getBody()).isEqualTo("Yet I should kill thee with much cherishing.");
            assertThat(inner.getFrom()).isEqualTo(Jid.of("juliet@capulet.lit/orchard"));
            assertThat(inner.getTo()).isEqualTo(Jid.of("romeo@montague.lit"));
            assertThat(inner.getId()).isEqualTo("0202197");
            assertThat(inner.getMessageType()).isEqualTo(Message.Type.CHAT);
            assertThat(inner.xml().element("mood", MOOD)).isNotNull();
            assertThat(outer.isDelayed()).as("the inner delay is not the outer message's").isFalse();
        }
    }

    @Test
    void aForwardedMessageRaisesItsEventAndStillReachesMessageHandlers() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(new Forwarding());
            h.start();
            BlockingQueue<Object> forwards = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler(Forwarding.EVENT_FORWARDED, forwards::add);

            Message outer = receive(h, FORWARDED);
            assertThat(forwards.poll(5, TimeUnit.SECONDS)).isInstanceOf(Message.class).hasToString(outer.toString());

            receive(h, "<message from='romeo@montague.lit/orchard'><body>empty forward</body>"
                    + "<forwarded xmlns='urn:xmpp:forward:0'/></message>");
            receive(h, "message_without_body", "<message from='romeo@montague.lit/orchard'>"
                    + "<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
                    + "<message xmlns='jabber:client'><body>carbon</body></message></forwarded></sent></message>");
            assertThat(forwards.poll(300, TimeUnit.MILLISECONDS)).as("neither unreadable nor wrapped forwards")
                    .isNull();
        }
    }

    @Test
    void aMissingOrMalformedInnerMessageIsNull() throws Exception {
        assertThat(forwardedWith("<delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>")
                .getForwarded().getMessage()).as("none").isNull();
        assertThat(forwardedWith("<message><body>inherits urn:xmpp:forward:0</body></message>")
                .getForwarded().getMessage()).as("wrong namespace (XEP-0297 §3.2)").isNull();
        assertThat(forwardedWith("<message xmlns='jabber:client' from='a@b@c'><body>x</body></message>")
                .getForwarded().getMessage()).as("an address that is no JID").isNull();
        assertThat(forwardedWith("<message xmlns='jabber:client'/>").getForwarded().getDelay()).isNull();

        try (StreamHarness h = new StreamHarness().start()) {
            Message outer = receive(h, "<message from='romeo@montague.lit/orchard'><body>still here</body>"
                    + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' to='@'/></forwarded>"
                    + "</message>");
            assertThat(outer.getBody()).isEqualTo("still here");
            assertThat(outer.getForwarded().getMessage()).isNull();
        }
    }

    @Test
    void forwardsACopyStampedWithWhenItArrived() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            Forwarding forwarding = new Forwarding();
            h.xmpp.registerPlugin(forwarding);
            Message received = receive(h, "<message from='juliet@capulet.lit/orchard' id='0202197' "
                    + "to='romeo@montague.lit' type='chat'><body>Yet I should kill thee with much cherishing.</body>"
                    + "<mood xmlns='http://jabber.org/protocol/mood'><amorous/></mood></message>");
            Instant stamp = Instant.parse("2010-07-10T23:08:25Z");

            forwarding.forward(received, Jid.of("mercutio@verona.lit"), "A most courteous exposition!", stamp);

            Message sent = new Message(h.nextSent());
            assertThat(sent.getTo()).isEqualTo(Jid.of("mercutio@verona.lit"));
            assertThat(sent.getMessageType()).isEqualTo(Message.Type.CHAT);
            assertThat(sent.getBody()).isEqualTo("A most courteous exposition!");
            XmlElement inner = sent.xml().element("forwarded", Forwarded.NAMESPACE)
                    .element("message", "jabber:client");
            assertThat(inner).isNotNull();
            assertThat(inner.attribute("from")).isEqualTo("juliet@capulet.lit/orchard");
            assertThat(inner.attribute("id")).isEqualTo("0202197");
            assertThat(inner.element("mood", MOOD).element("amorous", MOOD)).isNotNull();
            assertThat(sent.getForwarded().getDelay().getStamp()).isEqualTo(stamp);
            assertThat(sent.getForwarded().getMessage().getBody())
                    .isEqualTo("Yet I should kill thee with much cherishing.");
        }
    }

    @Test
    void aForwardWithoutNoteHasAnEmptyBodyAndKeepsTheServersStamp() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            Forwarding forwarding = new Forwarding();
            h.xmpp.registerPlugin(forwarding);
            Message received = receive(h, "groupchat_message",
                    "<message from='juliet@capulet.lit/orchard' type='groupchat'>"
                    + "<body>from a room</body>"
                    + "<delay xmlns='urn:xmpp:delay' from='capulet.lit' stamp='2002-09-10T23:08:25Z'/></message>");

            forwarding.forward(received, Jid.of("mercutio@verona.lit"), null);

            Message sent = new Message(h.nextSent());
            assertThat(sent.xml().element("body", "jabber:client")).as("XEP-0297 §3.2: a body, even empty")
                    .isNotNull();
            assertThat(sent.getMessageType()).as("a forward to a person is not groupchat")
                    .isEqualTo(Message.Type.NORMAL);
            assertThat(sent.getForwarded().getDelay().getStamp()).isEqualTo(Instant.parse("2002-09-10T23:08:25Z"));
        }
    }

    @Test
    void loadsByNameAndAnnouncesTheFeature() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(Forwarding.NAME);
            h.start();
            assertThat(h.discoFeatures()).contains(Forwarded.NAMESPACE);
        }
    }
}
