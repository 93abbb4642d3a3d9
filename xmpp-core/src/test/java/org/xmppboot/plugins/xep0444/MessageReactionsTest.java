package org.xmppboot.plugins.xep0444;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0334.Hint;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0444 over a scripted peer, with the XEP's own examples (given a sender, as the recipient sees them). */
class MessageReactionsTest {

    /** XEP-0444 Example 3: Romeo sends a message. */
    private static final String HELLO = "<message to='juliet@capulet.net/balcony' from='romeo@montague.net/orchard' "
            + "id='744f6e18-a57a-11e9-a656-4889e7820c76' type='chat'><body>Hello, world!</body></message>";
    /** XEP-0444 Example 4: Juliet sends a 👋 reaction to the message. */
    private static final String WAVE = "<message to='romeo@capulet.net/orchard' from='juliet@capulet.net/balcony' "
            + "id='7fdd29fa-a57a-11e9-b04a-4889e7820c76' type='chat'>"
            + "<reactions id='744f6e18-a57a-11e9-a656-4889e7820c76' xmlns='urn:xmpp:reactions:0'>"
            + "<reaction>👋</reaction></reactions><store xmlns='urn:xmpp:hints'/></message>";
    /** XEP-0444 Example 5: Juliet adds a 🐢 reaction. */
    private static final String WAVE_TURTLE = WAVE.replace("<reaction>👋</reaction>",
            "<reaction>👋</reaction><reaction>🐢</reaction>").replace("7fdd29fa", "96d73204");
    /** XEP-0444 Example 6: Juliet removes all reactions. */
    private static final String NONE = WAVE.replace("<reaction>👋</reaction></reactions>", "</reactions>")
            .replace("7fdd29fa", "973c9d2e");
    private static final String TARGET = "744f6e18-a57a-11e9-a656-4889e7820c76";
    private static final String ROOM_MESSAGE = "<message from='coven@chat.shakespeare.lit/firstwitch' "
            + "to='crone@shakespeare.lit/desktop' id='message-1' type='groupchat'><body>Thrice!</body>"
            + "<stanza-id xmlns='urn:xmpp:sid:0' by='coven@chat.shakespeare.lit' id='39K7ZYIp'/></message>";

    private static StreamHarness started(MessageReactions plugin) throws InterruptedException {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerPlugin(plugin);
        return h.start();
    }

    private static BlockingQueue<ReactionsReceived> reactions(StreamHarness h) {
        BlockingQueue<ReactionsReceived> received = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler(MessageReactions.EVENT_REACTIONS, r -> received.add((ReactionsReceived) r));
        return received;
    }

    private static Message receive(StreamHarness h, String xml) throws InterruptedException {
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        for (String event : new String[] {"message", "groupchat_message", "message_without_body"}) {
            h.xmpp.addEventHandler(event, m -> seen.add((Message) m));
        }
        h.receive(xml);
        Message message = seen.poll(5, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        return message;
    }

    @Test
    void eachReactionsMessageReplacesTheSendersSetAndAnEmptyOneTakesThemBack() throws Exception {
        try (StreamHarness h = started(new MessageReactions())) {
            BlockingQueue<ReactionsReceived> received = reactions(h);
            h.receive(WAVE);
            ReactionsReceived first = received.poll(5, TimeUnit.SECONDS);
            assertThat(first.from()).isEqualTo(Jid.of("juliet@capulet.net/balcony"));
            assertThat(first.targetId()).isEqualTo(TARGET);
            assertThat(first.emojis()).containsExactly("👋");
            assertThat(first.message().get("reactions")).isInstanceOf(Reactions.class);

            h.receive(WAVE_TURTLE);
            assertThat(received.poll(5, TimeUnit.SECONDS).emojis()).containsExactly("👋", "🐢");
            h.receive(NONE);
            assertThat(received.poll(5, TimeUnit.SECONDS).emojis()).isEmpty();
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(MessageReactions.NAMESPACE);
        }
    }

    @Test
    void duplicatesCountOnceAndWhatIsNotOneEmojiIsLeftOut() throws Exception {
        try (StreamHarness h = started(new MessageReactions())) {
            BlockingQueue<ReactionsReceived> received = reactions(h);
            h.receive(WAVE.replace("<reaction>👋</reaction>", "<reaction>👋</reaction><reaction>+1</reaction>"
                    + "<reaction>👋</reaction><reaction>👋🐢</reaction><reaction>👍🏽</reaction>"));
            assertThat(received.poll(5, TimeUnit.SECONDS).emojis()).containsExactly("👋", "👍🏽");
        }
    }

    @Test
    void malformedAndLateReactionsAreIgnoredButTheMessageStillArrives() throws Exception {
        try (StreamHarness h = started(new MessageReactions())) {
            BlockingQueue<ReactionsReceived> received = reactions(h);
            assertThat(receive(h, WAVE.replace(" id='744f6e18-a57a-11e9-a656-4889e7820c76'", ""))).isNotNull();
            assertThat(receive(h, WAVE.replace("</reactions>", "</reactions>"
                    + "<reactions id='other' xmlns='urn:xmpp:reactions:0'><reaction>🐢</reaction></reactions>")))
                    .as("§5: more than one <reactions/> is not allowed").isNotNull();
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();

            h.receive(WAVE_TURTLE);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();
            h.receive(WAVE.replace("</message>",
                    "<delay xmlns='urn:xmpp:delay' stamp='2019-07-14T10:00:00Z'/></message>"));
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("§5.1: older than what was accepted").isNull();
            h.receive(WAVE.replace("juliet@capulet.net/balcony", "nurse@capulet.net/kitchen")
                    .replace("</message>", "<delay xmlns='urn:xmpp:delay' stamp='2019-07-14T10:00:00Z'/></message>"));
            assertThat(received.poll(5, TimeUnit.SECONDS).from().bare())
                    .as("another sender's late reactions are its first").isEqualTo(Jid.of("nurse@capulet.net"));
        }
    }

    @Test
    void reactingToAChatMessageNamesItsIdAndAsksForStorage() throws Exception {
        MessageReactions plugin = new MessageReactions();
        try (StreamHarness h = started(plugin)) {
            Message hello = receive(h, HELLO);
            plugin.react(hello, List.of("👋", "🐢"));
            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("to")).isEqualTo("romeo@montague.net/orchard");
            assertThat(sent.attribute("type")).isEqualTo("chat");
            assertThat(sent.attribute("id")).isNotEmpty();
            XmlElement reactions = sent.element("reactions", MessageReactions.NAMESPACE);
            assertThat(reactions.attribute("id")).isEqualTo(TARGET);
            assertThat(reactions.elements()).extracting(XmlElement::text).containsExactly("👋", "🐢");
            assertThat(sent.element("store", Hint.NAMESPACE)).isNotNull();

            Message withOriginId = receive(h, HELLO.replace("</message>",
                    "<origin-id xmlns='urn:xmpp:sid:0' id='origin-1'/><no-store xmlns='urn:xmpp:hints'/></message>"));
            plugin.removeReactions(withOriginId);
            XmlElement removal = h.nextSent();
            assertThat(removal.element("reactions", MessageReactions.NAMESPACE).attribute("id"))
                    .as("§5.2: the origin-id if present").isEqualTo("origin-1");
            assertThat(removal.element("reactions", MessageReactions.NAMESPACE).elements()).isEmpty();
            assertThat(removal.element("store", Hint.NAMESPACE)).as("§5: not when the message asked not to be stored")
                    .isNull();

            assertThatThrownBy(() -> plugin.react(hello, List.of("+1"))).isInstanceOf(IllegalArgumentException.class);

            String replace = "<replace xmlns='urn:xmpp:message-correct:0' id='" + TARGET + "'/>";
            Message correction = receive(h, HELLO.replace(TARGET, "c2").replace("</message>", replace + "</message>"));
            plugin.react(correction, List.of("👍"));
            assertThat(h.nextSent().element("reactions", MessageReactions.NAMESPACE).attribute("id"))
                    .as("§5: a reaction to a correction names the original message").isEqualTo(TARGET);
        }
    }

    @Test
    void inARoomTheReactionNamesTheRoomsStanzaIdAndGoesToTheRoom() throws Exception {
        MessageReactions plugin = new MessageReactions();
        try (StreamHarness h = started(plugin)) {
            plugin.react(receive(h, ROOM_MESSAGE), List.of("👍"));
            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("to")).isEqualTo("coven@chat.shakespeare.lit");
            assertThat(sent.attribute("type")).isEqualTo("groupchat");
            assertThat(sent.element("reactions", MessageReactions.NAMESPACE).attribute("id")).isEqualTo("39K7ZYIp");

            Message forged = receive(h, ROOM_MESSAGE.replace("by='coven@chat.shakespeare.lit'", "by='x@evil.lit'"));
            assertThatThrownBy(() -> plugin.react(forged, List.of("👍")))
                    .as("§5.2: a room message without the room's stanza-id cannot be reacted to")
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
