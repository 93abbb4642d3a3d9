package org.xmppboot.plugins.xep0333;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0333 over a scripted peer, with the XEP's own examples. */
class ChatMarkersTest {

    /** XEP-0333 Example 3: Romeo sends a message to Juliet. */
    private static final String ROMEO = "<message to='juliet@capulet.lit' from='romeo@montegue.lit/orchard' "
            + "id='the-msg-1'><body>Hi. How are you?</body><markable xmlns='urn:xmpp:chat-markers:0'/>"
            + "<request xmlns='urn:xmpp:receipts'/></message>";
    /** XEP-0333 Example 5: a markable MUC message. */
    private static final String WITCH = "<message from='coven@chat.shakespeare.lit/firstwitch' "
            + "to='coven@chat.shakespeare.lit' id='message-1' type='groupchat'><thread>Act IV, Scene I</thread>"
            + "<body>Thrice the brinded cat hath mew'd.</body><markable xmlns='urn:xmpp:chat-markers:0' />"
            + "<stanza-id xmlns='urn:xmpp:sid:0' by='coven@chat.shakespeare.lit' id='39K7ZYIp' /></message>";
    /** XEP-0333 Example 4: Juliet lets Romeo know she has displayed the message. */
    private static final String DISPLAYED = "<message to='romeo@montegue.lit' from='juliet@capulet.let/balcony'>"
            + "<displayed xmlns='urn:xmpp:chat-markers:0' id='the-msg-1'/></message>";
    private static final Duration QUIET = Duration.ofMillis(300);

    private static StreamHarness started(ChatMarkers markers) throws InterruptedException {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerPlugin(markers);
        return h.start();
    }

    /** Receives a message and returns it as handlers saw it. */
    private static Message receive(StreamHarness h, String xml) throws InterruptedException {
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        for (String event : new String[] {"message", "groupchat_message", "message_without_body", "message_error"}) {
            h.xmpp.addEventHandler(event, m -> seen.add((Message) m));
        }
        h.receive(xml);
        Message message = seen.poll(5, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        return message;
    }

    @Test
    void aDisplayedMarkerNamesTheMessageIdInAOneToOneChat() throws Exception {
        ChatMarkers markers = new ChatMarkers();
        try (StreamHarness h = started(markers)) {
            assertThat(markers.send(receive(h, ROMEO), Marker.DISPLAYED)).isTrue();
            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("to")).isEqualTo("romeo@montegue.lit/orchard");
            assertThat(sent.attribute("from")).as("where Romeo wrote to").isEqualTo("juliet@capulet.lit");
            assertThat(sent.attribute("type")).isNull();
            assertThat(sent.elements()).hasSize(1);
            assertThat(sent.element("displayed", ChatMarkers.NAMESPACE).attribute("id")).isEqualTo("the-msg-1");
        }
    }

    @Test
    void inARoomTheMarkerNamesTheRoomsStanzaIdAndGoesToTheRoom() throws Exception {
        ChatMarkers markers = new ChatMarkers();
        try (StreamHarness h = started(markers)) {
            assertThat(markers.send(receive(h, WITCH), Marker.DISPLAYED)).isTrue();
            // XEP-0333 Example 6.
            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("to")).isEqualTo("coven@chat.shakespeare.lit");
            assertThat(sent.attribute("type")).isEqualTo("groupchat");
            assertThat(sent.childText("thread", "jabber:client")).isEqualTo("Act IV, Scene I");
            assertThat(sent.element("displayed", ChatMarkers.NAMESPACE).attribute("id")).isEqualTo("39K7ZYIp");

            String forged = WITCH.replace("by='coven@chat.shakespeare.lit'", "by='firstwitch@shakespeare.lit'");
            assertThat(markers.send(receive(h, forged), Marker.DISPLAYED)).isTrue();
            assertThat(h.nextSent().element("displayed", ChatMarkers.NAMESPACE).attribute("id"))
                    .as("a stanza-id the room did not stamp is not the room's").isEqualTo("message-1");
        }
    }

    @Test
    void noMarkerForWhatDidNotAskForOneOrIsAMarkerItself() throws Exception {
        ChatMarkers markers = new ChatMarkers();
        try (StreamHarness h = started(markers)) {
            String[] refused = {
                ROMEO.replace("<markable xmlns='urn:xmpp:chat-markers:0'/>", ""),
                DISPLAYED.replace("</message>", "<markable xmlns='urn:xmpp:chat-markers:0'/></message>"),
                ROMEO.replace("id='the-msg-1'", "id='e1' type='error'"),
                ROMEO.replace("id='the-msg-1'", ""),
                ROMEO.replace("from='romeo@montegue.lit/orchard' ", ""),
            };
            for (String xml : refused) {
                assertThat(markers.send(receive(h, xml), Marker.DISPLAYED)).as(xml).isFalse();
            }
            assertThat(h.peer.nextSent(QUIET)).isNull();
        }
    }

    @Test
    void receivedMarkersRaiseEvents() throws Exception {
        try (StreamHarness h = started(new ChatMarkers())) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler(ChatMarkers.EVENT_MARKER,
                    m -> events.add("marker " + ((Message) m).getChatMarker().getId()));
            for (Marker marker : Marker.values()) {
                String name = "marker_" + marker.value();
                h.xmpp.addEventHandler(name, m -> events.add(name));
            }
            h.xmpp.addEventHandler("exception", e -> events.add("exception " + e));
            h.receive(DISPLAYED.replace(" id='the-msg-1'", ""));
            h.receive(DISPLAYED.replace("<displayed ", "<markable xmlns='urn:xmpp:chat-markers:0'/><displayed ")
                    .replace("from='juliet@capulet.let/balcony'", "from='@@not a jid'"));
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("marker_displayed");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("marker the-msg-1");
            h.receive(DISPLAYED.replace("<message ", "<message type='error' "));
            h.receive(DISPLAYED);
            h.receive(DISPLAYED.replace("displayed", "received"));
            h.receive(DISPLAYED.replace("displayed", "acknowledged"));
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("marker_displayed");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("marker the-msg-1");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("marker_received");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("marker the-msg-1");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("marker_acknowledged");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("marker the-msg-1");
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void markOutgoingAsksForMarkersOnChatMessagesWithABodyAndAnId() throws Exception {
        try (StreamHarness h = started(new ChatMarkers(new ChatMarkersConfig(true)))) {
            Jid juliet = Jid.of("juliet@capulet.lit");
            h.xmpp.makeMessage(juliet, "no id", Message.Type.CHAT).send();
            Message room = h.xmpp.makeMessage(juliet, "room", Message.Type.GROUPCHAT);
            room.setId("g1");
            room.send();
            Message chat = h.xmpp.makeMessage(juliet, "Hi. How are you?", Message.Type.CHAT);
            chat.setId("the-msg-1");
            chat.send();
            assertThat(h.nextSent().element("markable", ChatMarkers.NAMESPACE)).isNull();
            assertThat(h.nextSent().element("markable", ChatMarkers.NAMESPACE)).isNull();
            assertThat(h.nextSent().element("markable", ChatMarkers.NAMESPACE)).isNotNull();
        }
    }

    @Test
    void stanzaAccessAndDisco() throws Exception {
        try (StreamHarness h = started(new ChatMarkers())) {
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(ChatMarkers.NAMESPACE);
            Message romeo = receive(h, ROMEO);
            assertThat(romeo.isMarkable()).isTrue();
            assertThat(romeo.get("markable")).isInstanceOf(Markable.class);
            assertThat(romeo.getChatMarker()).isNull();
            Message displayed = receive(h, DISPLAYED);
            assertThat(displayed.get("displayed")).isInstanceOf(ChatMarker.class);
            assertThat(displayed.getChatMarker().marker()).isEqualTo(Marker.DISPLAYED);
            assertThat(displayed.match("message/displayed@id=the-msg-1")).isTrue();
            assertThat(displayed.match("message/received")).isFalse();
        }
    }

    @Test
    void loadsByNameWithServiceDiscovery() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(ChatMarkers.NAME);
            h.start();
            assertThat(h.xmpp.plugin(ChatMarkers.class)).isNotNull();
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(ChatMarkers.NAMESPACE);
        }
    }
}
