package org.xmppboot.plugins.xep0308;

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

/** XEP-0308 over a scripted peer, with the XEP's own examples (given a sender, as the recipient sees them). */
class MessageCorrectionTest {

    /** XEP-0308 Example 3: a message with a mistake in. */
    private static final String BAD = "<message to='juliet@capulet.net/balcony' from='romeo@montague.net/orchard' "
            + "id='bad1'><body>But soft, what light through yonder airlock breaks?</body></message>";
    /** XEP-0308 Example 4: its correction. */
    private static final String GOOD = "<message to='juliet@capulet.net/balcony' from='romeo@montague.net/orchard' "
            + "id='good1'><body>But soft, what light through yonder window breaks?</body>"
            + "<replace id='bad1' xmlns='urn:xmpp:message-correct:0'/></message>";
    private static final Jid JULIET = Jid.of("juliet@capulet.net/balcony");

    private static StreamHarness started(MessageCorrection plugin) throws InterruptedException {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerPlugin(plugin);
        return h.start();
    }

    private static BlockingQueue<Correction> corrections(StreamHarness h) {
        BlockingQueue<Correction> corrections = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler(MessageCorrection.EVENT_MESSAGE_CORRECTION, c -> corrections.add((Correction) c));
        return corrections;
    }

    @Test
    void aCorrectionOfTheSameSendersMessageRaisesTheEvent() throws Exception {
        try (StreamHarness h = started(new MessageCorrection())) {
            BlockingQueue<Correction> corrections = corrections(h);
            h.receive(BAD);
            h.receive(GOOD);
            Correction correction = corrections.poll(5, TimeUnit.SECONDS);
            assertThat(correction).isNotNull();
            assertThat(correction.originalId()).isEqualTo("bad1");
            assertThat(correction.from()).isEqualTo(Jid.of("romeo@montague.net/orchard"));
            assertThat(correction.body()).isEqualTo("But soft, what light through yonder window breaks?");
            assertThat(correction.message().getReplaceId()).isEqualTo("bad1");
            assertThat(correction.message().get("replace")).isInstanceOf(Replace.class);

            // §5 note: in a direct conversation another client of the same account may correct it too.
            h.receive(GOOD.replace("/orchard", "/garden").replace("good1", "good2"));
            assertThat(corrections.poll(5, TimeUnit.SECONDS).message().getId()).isEqualTo("good2");
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(MessageCorrection.NAMESPACE);
        }
    }

    @Test
    void correctionsFromAnotherSenderOfUnknownMessagesOrWithoutIdAreIgnoredButStillDelivered() throws Exception {
        try (StreamHarness h = started(new MessageCorrection())) {
            BlockingQueue<Correction> corrections = corrections(h);
            BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("message", m -> messages.add((Message) m));
            h.receive(BAD);
            h.receive(GOOD.replace("romeo@montague.net/orchard", "mallory@evil.net/x"));
            h.receive(GOOD.replace("id='bad1'", "id='never-sent'"));
            h.receive(GOOD.replace(" id='bad1'", ""));
            for (int i = 0; i < 4; i++) {
                assertThat(messages.poll(5, TimeUnit.SECONDS)).as("message %s reaches the other handlers", i)
                        .isNotNull();
            }
            assertThat(corrections.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void inARoomOnlyTheSameOccupantMayCorrect() throws Exception {
        String original = "<message from='coven@chat.shakespeare.lit/firstwitch' to='crone@shakespeare.lit/desktop' "
                + "id='m1' type='groupchat'><body>Thrice the brinded cat hath mewd.</body></message>";
        String correction = "<message from='coven@chat.shakespeare.lit/secondwitch' "
                + "to='crone@shakespeare.lit/desktop' id='m2' type='groupchat'><body>Thrice the brinded cat hath "
                + "mew'd.</body><replace xmlns='urn:xmpp:message-correct:0' id='m1'/></message>";
        try (StreamHarness h = started(new MessageCorrection())) {
            BlockingQueue<Correction> corrections = corrections(h);
            h.receive(original);
            h.receive(correction);
            h.receive(correction.replace("secondwitch", "firstwitch").replace("'m2'", "'m3'"));
            assertThat(corrections.poll(5, TimeUnit.SECONDS).message().getId()).isEqualTo("m3");
            assertThat(corrections.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void correctLastResendsTheStanzaWithANewIdAndAlwaysNamesTheFirstMessage() throws Exception {
        MessageCorrection plugin = new MessageCorrection();
        try (StreamHarness h = started(plugin)) {
            assertThatThrownBy(() -> plugin.correctLast(JULIET, "x")).isInstanceOf(IllegalStateException.class);
            Message bad = h.xmpp.makeMessage(JULIET, "But soft, what light through yonder airlock breaks?", null);
            bad.setId("bad1");
            bad.setThread("balcony-scene");
            bad.send();
            h.nextSent();
            assertThat(plugin.lastSentId(JULIET)).isEqualTo("bad1");

            plugin.correctLast(JULIET, "But soft, what light through yonder window breaks?");
            XmlElement good = h.nextSent();
            assertThat(good.attribute("id")).isNotEmpty().isNotEqualTo("bad1");
            assertThat(good.attribute("to")).isEqualTo(JULIET.toString());
            assertThat(good.childText("body", "jabber:client"))
                    .isEqualTo("But soft, what light through yonder window breaks?");
            assertThat(good.childText("thread", "jabber:client")).as("the whole stanza again")
                    .isEqualTo("balcony-scene");
            assertThat(good.element("replace", MessageCorrection.NAMESPACE).attribute("id")).isEqualTo("bad1");

            plugin.correctLast(JULIET, "But soft, what light through yonder window breaks!");
            assertThat(h.nextSent().element("replace", MessageCorrection.NAMESPACE).attribute("id"))
                    .as("§5: a second correction names the original, not the first correction").isEqualTo("bad1");
        }
    }
}
