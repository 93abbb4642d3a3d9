package org.xmppboot.plugins.xep0085;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** XEP-0085 over a scripted peer, following the XEP's own conversation (§6). */
class ChatStatesTest {

    private static final Jid FRANCISCO = Jid.of("francisco@shakespeare.lit");
    /** XEP-0085 Example 4: the contact's reply, with {@code <active/>}. */
    private static final String REPLY = "<message from='francisco@shakespeare.lit/elsinore' "
            + "to='bernardo@shakespeare.lit/pda' type='chat'>"
            + "<body>Nay, answer me: stand, and unfold yourself.</body>"
            + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>";
    /** XEP-0085 Example 5, from the contact: a standalone {@code <composing/>}. */
    private static final String COMPOSING = "<message from='francisco@shakespeare.lit/elsinore' "
            + "to='bernardo@shakespeare.lit/pda' type='chat'>"
            + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>";
    private static final Duration QUIET = Duration.ofMillis(300);

    private static StreamHarness started(ChatStates chatStates) throws InterruptedException {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerPlugin(chatStates);
        return h.start();
    }

    private static BlockingQueue<String> events(StreamHarness h) {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler(ChatStates.EVENT_CHATSTATE, m -> events.add("chatstate " + ((Message) m).getChatState()));
        for (ChatState state : ChatState.values()) {
            String name = "chatstate_" + state.value();
            h.xmpp.addEventHandler(name, m -> events.add(name));
        }
        return events;
    }

    private static String poll(BlockingQueue<String> events) throws InterruptedException {
        String event = events.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("an event within 5 s").isNotNull();
        return event;
    }

    private static XmlElement sendChat(StreamHarness h, String body) throws InterruptedException {
        h.xmpp.makeMessage(FRANCISCO.withResource("elsinore"), body, Message.Type.CHAT).send();
        return h.nextSent();
    }

    private static boolean hasActive(XmlElement message) {
        return message.element("active", ChatStates.NAMESPACE) != null;
    }

    @Test
    void theSimpleExampleConversation() throws Exception {
        ChatStates chatStates = new ChatStates();
        try (StreamHarness h = started(chatStates)) {
            BlockingQueue<String> events = events(h);
            // Example 3: the first content message carries <active/> (§5.1 rule 1).
            h.xmpp.makeMessage(FRANCISCO, "Who's there?", Message.Type.CHAT).send();
            assertThat(hasActive(h.nextSent())).isTrue();

            h.receive(REPLY);
            assertThat(poll(events)).isEqualTo("chatstate ACTIVE");
            assertThat(poll(events)).isEqualTo("chatstate_active");

            // Example 5: a standalone <composing/>, with no other child (§5.6).
            assertThat(chatStates.send(FRANCISCO.withResource("elsinore"), ChatState.COMPOSING)).isTrue();
            XmlElement composing = h.nextSent();
            assertThat(composing.attribute("type")).isEqualTo("chat");
            assertThat(composing.attribute("to")).isEqualTo("francisco@shakespeare.lit/elsinore");
            assertThat(composing.elements()).hasSize(1);
            assertThat(composing.element("composing", ChatStates.NAMESPACE)).isNotNull();
            assertThat(chatStates.send(FRANCISCO.withResource("elsinore"), ChatState.COMPOSING))
                    .as("§5.3: never the same standalone notification twice in a row").isFalse();
            assertThat(h.peer.nextSent(QUIET)).isNull();

            // Example 6: the content message, with <active/> (§5.1 rule 3); composing may follow again.
            assertThat(hasActive(sendChat(h, "Long live the king!"))).isTrue();
            assertThat(chatStates.send(FRANCISCO.withResource("elsinore"), ChatState.COMPOSING)).isTrue();
            assertThat(h.nextSent().element("composing", ChatStates.NAMESPACE)).isNotNull();
        }
    }

    @Test
    void aContactThatRepliesWithoutChatStatesGetsNoMore() throws Exception {
        ChatStates chatStates = new ChatStates();
        try (StreamHarness h = started(chatStates)) {
            assertThat(hasActive(sendChat(h, "Who's there?"))).isTrue();
            h.receive("<message from='francisco@shakespeare.lit/elsinore' type='chat'><body>Nay</body></message>");
            // A body-less message without a state (a receipt) says nothing about chat states.
            h.receive("<message from='francisco@shakespeare.lit/elsinore'><received xmlns='urn:xmpp:receipts' "
                    + "id='x'/></message>");
            org.awaitility.Awaitility.await().atMost(StreamHarness.WAIT).until(() -> !chatStates.mayNotify(FRANCISCO));
            assertThat(chatStates.send(FRANCISCO, ChatState.COMPOSING)).isFalse();
            assertThat(h.peer.nextSent(QUIET)).isNull();
            assertThat(hasActive(sendChat(h, "Long live the king!"))).as("§5.1 rule 2").isFalse();

            h.receive(COMPOSING); // it uses them after all (§5.1 rule 3)
            org.awaitility.Awaitility.await().atMost(StreamHarness.WAIT).until(() -> chatStates.mayNotify(FRANCISCO));
            assertThat(chatStates.send(FRANCISCO, ChatState.PAUSED)).isTrue();
            assertThat(h.nextSent().element("paused", ChatStates.NAMESPACE)).isNotNull();
        }
    }

    @Test
    void activeInMessagesCanBeTurnedOff() throws Exception {
        try (StreamHarness h = started(new ChatStates(ChatStatesConfig.DEFAULT.withActiveInMessages(false)))) {
            assertThat(hasActive(sendChat(h, "Who's there?"))).isFalse();
            h.xmpp.makeMessage(FRANCISCO, "headline", Message.Type.HEADLINE).send();
            assertThat(hasActive(h.nextSent())).isFalse();
        }
    }

    @Test
    void onlyChatMessagesWithABodyGetActive() throws Exception {
        try (StreamHarness h = started(new ChatStates())) {
            h.xmpp.makeMessage(FRANCISCO, "normal", null).send();
            h.xmpp.makeMessage(FRANCISCO, "room", Message.Type.GROUPCHAT).send();
            h.xmpp.makeMessage(FRANCISCO, null, Message.Type.CHAT).send();
            Message composing = h.xmpp.makeMessage(FRANCISCO, "typed", Message.Type.CHAT);
            composing.setChatState(ChatState.INACTIVE);
            composing.send();
            for (int i = 0; i < 3; i++) {
                assertThat(hasActive(h.nextSent())).isFalse();
            }
            XmlElement own = h.nextSent();
            assertThat(own.elements()).extracting(XmlElement::name).containsExactly("body", "inactive");
        }
    }

    @Test
    void eventsForEachStateButNotForGoneInRoomsErrorsOrUnknownElements() throws Exception {
        try (StreamHarness h = started(new ChatStates())) {
            BlockingQueue<String> events = events(h);
            h.xmpp.addEventHandler("exception", e -> events.add("exception " + e));
            h.receive("<message from='coven@chat.shakespeare.lit/firstwitch' type='groupchat'>"
                    + "<gone xmlns='http://jabber.org/protocol/chatstates'/></message>");
            h.receive("<message from='@@not a jid' type='chat'><body>x</body>"
                    + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>");
            assertThat(poll(events)).as("a bad sender does not stop the event").isEqualTo("chatstate ACTIVE");
            assertThat(poll(events)).isEqualTo("chatstate_active");
            h.receive("<message from='francisco@shakespeare.lit/elsinore' type='error'>"
                    + "<paused xmlns='http://jabber.org/protocol/chatstates'/></message>");
            h.receive("<message from='francisco@shakespeare.lit/elsinore' type='chat'>"
                    + "<typing xmlns='http://jabber.org/protocol/chatstates'/></message>");
            h.receive("<message from='coven@chat.shakespeare.lit/firstwitch' type='groupchat'>"
                    + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
            assertThat(poll(events)).isEqualTo("chatstate COMPOSING");
            assertThat(poll(events)).isEqualTo("chatstate_composing");
            for (ChatState state : new ChatState[] {ChatState.PAUSED, ChatState.INACTIVE, ChatState.GONE}) {
                h.receive(COMPOSING.replace("composing", state.value()));
                assertThat(poll(events)).isEqualTo("chatstate " + state);
                assertThat(poll(events)).isEqualTo("chatstate_" + state.value());
            }
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void stanzaAccessAndDisco() throws Exception {
        try (StreamHarness h = started(new ChatStates())) {
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(ChatStates.NAMESPACE);
            Message message = h.xmpp.makeMessage(FRANCISCO, null, Message.Type.CHAT);
            message.setChatState(ChatState.COMPOSING);
            message.setChatState(ChatState.PAUSED);
            assertThat(message.xml().elements()).extracting(XmlElement::name).containsExactly("paused");
            assertThat(message.getChatState()).isEqualTo(ChatState.PAUSED);
            assertThat(message.get("paused")).isInstanceOf(ChatStateNotification.class);
            assertThat(message.match("message/paused")).isTrue();
            assertThat(message.match("message/composing")).isFalse();
            message.setChatState(null);
            assertThat(message.getChatState()).isNull();
        }
    }

    @Test
    void sendRefusesWhatTheXepRulesOut() throws Exception {
        ChatStates chatStates = new ChatStates();
        try (StreamHarness h = started(chatStates)) {
            Jid room = Jid.of("coven@chat.shakespeare.lit");
            assertThatThrownBy(() -> chatStates.send(room, ChatState.GONE, Message.Type.GROUPCHAT, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> chatStates.send(room, ChatState.ACTIVE, Message.Type.NORMAL, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(chatStates.send(room, ChatState.COMPOSING, Message.Type.GROUPCHAT, "Act IV")).isTrue();
            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("type")).isEqualTo("groupchat");
            assertThat(sent.childText("thread", "jabber:client")).isEqualTo("Act IV");
        }
    }

    @Test
    void loadsByNameWithServiceDiscovery() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(ChatStates.NAME);
            h.start();
            assertThat(h.xmpp.plugin(ChatStates.class)).isNotNull();
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(ChatStates.NAMESPACE);
        }
    }
}
