package org.xmppboot.plugins.xep0461;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0461 over a scripted peer, with the XEP's own examples (given a sender, as the recipient sees them). */
class RepliesTest {

    /** XEP-0461 Example 1: Anna's message. */
    private static final String CAKE = "<message to='max@example.com' from='anna@example.com/tablet' "
            + "id='message-id1' type='chat'><body>We should bake a cake</body></message>";
    /** XEP-0461 Example 2: a reply with a compatibility fallback. */
    private static final String REPLY = "<message to='anna@example.com' from='max@example.com/phone' "
            + "id='message-id3' type='chat'><body>&gt; Anna wrote:\n&gt; We should bake a cake\nGreat idea!</body>"
            + "<reply to='anna@example.com/laptop' id='message-id1' xmlns='urn:xmpp:reply:0' />"
            + "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start=\"0\" end=\"38\" />"
            + "</fallback></message>";

    private static StreamHarness started() throws InterruptedException {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerPlugin(new Replies());
        return h.start();
    }

    private static Message receive(StreamHarness h, String xml) throws InterruptedException {
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        for (String event : new String[] {"message", "groupchat_message"}) {
            h.xmpp.addEventHandler(event, m -> seen.add((Message) m));
        }
        h.receive(xml);
        Message message = seen.poll(5, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        return message;
    }

    private static Message parse(String xml) {
        return new Message(XmlElement.parse(xml.replace("<message ", "<message xmlns='jabber:client' ")));
    }

    @Test
    void aReplyReceivedRaisesTheEventWithItsOwnTextWithoutTheQuote() throws Exception {
        try (StreamHarness h = started()) {
            BlockingQueue<ReplyReceived> replies = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler(Replies.EVENT_MESSAGE_REPLY, r -> replies.add((ReplyReceived) r));
            Message message = receive(h, REPLY);
            assertThat(message.getReply().getId()).isEqualTo("message-id1");
            assertThat(message.get("reply")).isInstanceOf(Reply.class);
            ReplyReceived reply = replies.poll(5, TimeUnit.SECONDS);
            assertThat(reply.targetId()).isEqualTo("message-id1");
            assertThat(reply.targetAuthor()).isEqualTo(Jid.of("anna@example.com/laptop"));
            assertThat(reply.from()).isEqualTo(Jid.of("max@example.com/phone"));
            assertThat(reply.text()).isEqualTo("Great idea!");
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(Replies.NAMESPACE);

            receive(h, REPLY.replace(" id='message-id1'", ""));
            assertThat(replies.poll(300, TimeUnit.MILLISECONDS)).as("a reply without an id is ignored").isNull();
        }
    }

    @Test
    void replyQuotesTheOriginalAsAFallbackCountedInCodePoints() throws Exception {
        try (StreamHarness h = started()) {
            Replies replies = h.xmpp.plugin(Replies.class);
            replies.reply(receive(h, CAKE), "Great idea!").send();
            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("to")).isEqualTo("anna@example.com/tablet");
            assertThat(sent.attribute("type")).isEqualTo("chat");
            assertThat(sent.childText("body", "jabber:client"))
                    .isEqualTo("> anna wrote:\n> We should bake a cake\nGreat idea!");
            XmlElement reply = sent.element("reply", Replies.NAMESPACE);
            assertThat(reply.attribute("to")).isEqualTo("anna@example.com/tablet");
            assertThat(reply.attribute("id")).isEqualTo("message-id1");
            XmlElement fallback = sent.element("fallback", Fallback.NAMESPACE);
            assertThat(fallback.attribute("for")).isEqualTo(Replies.NAMESPACE);
            assertThat(fallback.element("body", Fallback.NAMESPACE).attribute("start")).isEqualTo("0");
            assertThat(fallback.element("body", Fallback.NAMESPACE).attribute("end")).isEqualTo("38");

            // Replying to that reply quotes its own text only, and an emoji counts as one position.
            replies.reply(receive(h, REPLY), "🎂!").send();
            XmlElement second = h.nextSent();
            String quote = "> max wrote:\n> Great idea!\n";
            assertThat(second.childText("body", "jabber:client")).isEqualTo(quote + "🎂!");
            assertThat(Replies.bodyWithoutFallback(new Message(second))).isEqualTo("🎂!");
        }
    }

    @Test
    void inARoomTheReplyNamesTheRoomsStanzaIdAndTheOccupant() throws Exception {
        String witch = "<message from='coven@chat.shakespeare.lit/firstwitch' to='crone@shakespeare.lit/desktop' "
                + "id='message-1' type='groupchat'><body>Thrice the brinded cat hath mew'd.</body>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' by='coven@chat.shakespeare.lit' id='39K7ZYIp'/></message>";
        try (StreamHarness h = started()) {
            Replies replies = h.xmpp.plugin(Replies.class);
            Message reply = replies.reply(receive(h, witch), "Thrice and once the hedge-pig whined.");
            assertThat(reply.getTo()).isEqualTo(Jid.of("coven@chat.shakespeare.lit"));
            assertThat(reply.getMessageType()).isEqualTo(Message.Type.GROUPCHAT);
            assertThat(reply.getReply().getTo()).isEqualTo(Jid.of("coven@chat.shakespeare.lit/firstwitch"));
            assertThat(reply.getReply().getId()).isEqualTo("39K7ZYIp");
            assertThat(reply.getBody()).startsWith("> firstwitch wrote:\n");

            Message noStanzaId = receive(h, witch.replace("by='coven@chat.shakespeare.lit'", "by='x@evil.lit'"));
            assertThatThrownBy(() -> replies.reply(noStanzaId, "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void malformedOrForeignFallbacksLeaveTheBodyAsItIs() {
        String body = "> Anna wrote:\n> We should bake a cake\nGreat idea!";
        assertThat(Replies.bodyWithoutFallback(parse(REPLY.replace("end=\"38\"", "end=\"99\"")))).isEqualTo(body);
        assertThat(Replies.bodyWithoutFallback(parse(REPLY.replace("start=\"0\"", "start=\"40\"")))).isEqualTo(body);
        assertThat(Replies.bodyWithoutFallback(parse(REPLY.replace("end=\"38\"", "end=\"x\"")))).isEqualTo(body);
        assertThat(Replies.bodyWithoutFallback(parse(REPLY.replace(" end=\"38\"", "")))).isEqualTo(body);
        assertThat(Replies.bodyWithoutFallback(parse(REPLY.replace("for='urn:xmpp:reply:0'", "for='urn:other'"))))
                .isEqualTo(body);
        assertThat(Replies.bodyWithoutFallback(parse(REPLY.replace(" start=\"0\" end=\"38\"", ""))))
                .as("XEP-0428: a body element without positions marks the whole body").isEmpty();
        assertThat(Replies.bodyWithoutFallback(parse(CAKE))).isEqualTo("We should bake a cake");
    }
}
