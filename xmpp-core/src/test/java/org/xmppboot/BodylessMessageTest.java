package org.xmppboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/** Messages without a body (chat states, receipts, a room's subject) stay away from the body events. */
class BodylessMessageTest {

    private static final String[] EVENTS = {"message", "groupchat_message", "message_without_body",
            "message_error"};

    @Test
    void onlyMessagesWithABodyRaiseMessageOrGroupchatMessage() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            for (String name : EVENTS) {
                h.xmpp.addEventHandler(name, data -> events.add(name + " " + ((StanzaBase) data).getId()));
            }
            h.start();
            // XEP-0085 §6: a standalone notification.
            h.receive("<message id='1' from='bernardo@shakespeare.lit/pda' type='chat'>"
                    + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
            h.receive("<message id='2' type='chat'><body>Who's there?</body></message>");
            // XEP-0184 §7: an ack message.
            h.receive("<message id='3' from='kingrichard@royalty.england.lit/throne'>"
                    + "<received xmlns='urn:xmpp:receipts' id='richard2-4.1.247'/></message>");
            // XEP-0045 §7.2.15: the room's subject, without a body.
            h.receive("<message id='4' from='coven@chat.shakespeare.lit/secondwitch' type='groupchat'>"
                    + "<subject>Fire Burn and Cauldron Bubble!</subject></message>");
            h.receive("<message id='5' type='groupchat'><body>Thrice the brinded cat hath mew'd.</body></message>");
            h.receive("<message id='6' type='error'><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
            h.receive("<message id='7'><body></body></message>");

            assertThat(poll(events)).isEqualTo("message_without_body 1");
            assertThat(poll(events)).isEqualTo("message 2");
            assertThat(poll(events)).isEqualTo("message_without_body 3");
            assertThat(poll(events)).isEqualTo("message_without_body 4");
            assertThat(poll(events)).isEqualTo("groupchat_message 5");
            assertThat(poll(events)).isEqualTo("message_error 6");
            assertThat(poll(events)).as("an empty body is still a body").isEqualTo("message 7");
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aBodylessMessageStillReachesStanzaHandlers() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            h.xmpp.registerHandler(StreamHandler.of("all", Matcher.stanzaPath("message"),
                    s -> seen.add("all " + s.getId())));
            h.xmpp.registerHandler(StreamHandler.of("bodies", Matcher.stanzaPath("message@type=chat/body"),
                    s -> seen.add("bodies " + s.getId())));
            h.start();
            h.receive("<message id='1' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/>"
                    + "</message>");
            h.receive("<message id='2' type='chat'><body>hi</body></message>");

            assertThat(java.util.List.of(poll(seen), poll(seen), poll(seen)))
                    .containsExactlyInAnyOrder("all 1", "all 2", "bodies 2");
            assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void theBodyPathNeedsABody() {
        Matcher bodies = Matcher.stanzaPath("message@type=chat/body");
        assertThat(bodies.matches(message("<message type='chat'><active xmlns='"
                + "http://jabber.org/protocol/chatstates'/></message>"))).isFalse();
        assertThat(bodies.matches(message("<message type='chat'><body>hi</body></message>"))).isTrue();
    }

    private static Message message(String xml) {
        return new Message(XmlElement.parse(xml.replaceFirst("<message", "<message xmlns='jabber:client'")));
    }

    private static String poll(BlockingQueue<String> events) throws InterruptedException {
        String event = events.poll(StreamHarness.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(event).as("an event within %s", StreamHarness.WAIT).isNotNull();
        return event;
    }
}
