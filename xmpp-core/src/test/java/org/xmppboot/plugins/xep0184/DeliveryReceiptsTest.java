package org.xmppboot.plugins.xep0184;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamClosedException;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0184 over a scripted peer, with the XEP's own examples. */
class DeliveryReceiptsTest {

    /** XEP-0184 Example 3: a content message with receipt requested. */
    private static final String REQUEST = "<message from='northumberland@shakespeare.lit/westminster' "
            + "id='richard2-4.1.247' to='kingrichard@royalty.england.lit/throne'>"
            + "<body>My lord, dispatch; read o'er these articles.</body>"
            + "<request xmlns='urn:xmpp:receipts'/></message>";
    /** XEP-0184 Example 4: a message delivery receipt. */
    private static final String RECEIPT = "<message from='kingrichard@royalty.england.lit/throne' "
            + "id='bi29sg183b4v' to='northumberland@shakespeare.lit/westminster'>"
            + "<received xmlns='urn:xmpp:receipts' id='richard2-4.1.247'/></message>";
    private static final Jid KING = Jid.of("kingrichard@royalty.england.lit/throne");
    private static final Duration QUIET = Duration.ofMillis(300);

    private static StreamHarness started(DeliveryReceipts receipts) throws InterruptedException {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerPlugin(receipts);
        return h.start();
    }

    @Test
    void aRequestIsAnsweredWithOnlyTheReceipt() throws Exception {
        try (StreamHarness h = started(new DeliveryReceipts())) {
            h.receive(REQUEST);
            XmlElement ack = h.nextSent();
            assertThat(ack.attribute("to")).isEqualTo("northumberland@shakespeare.lit/westminster");
            assertThat(ack.attribute("from")).as("the address the request was sent to, as in Example 4")
                    .isEqualTo("kingrichard@royalty.england.lit/throne");
            assertThat(ack.attribute("type")).as("the type of the request (normal)").isNull();
            assertThat(ack.attribute("id")).isNotEmpty().isNotEqualTo("richard2-4.1.247");
            assertThat(ack.elements()).hasSize(1);
            XmlElement received = ack.element("received", DeliveryReceipts.NAMESPACE);
            assertThat(received).isNotNull();
            assertThat(received.attribute("id")).isEqualTo("richard2-4.1.247");
        }
    }

    @Test
    void requestsThatMustNotBeAnsweredAreNot() throws Exception {
        try (StreamHarness h = started(new DeliveryReceipts())) {
            h.receive(REQUEST.replace("id='richard2-4.1.247'", "id='g1' type='groupchat'"));
            h.receive(REQUEST.replace("id='richard2-4.1.247'", "id='e1' type='error'"));
            h.receive(REQUEST.replace("id='richard2-4.1.247' ", ""));
            h.receive(REQUEST.replace("from='northumberland@shakespeare.lit/westminster' ", ""));
            h.receive(REQUEST.replace("</message>", "<received xmlns='urn:xmpp:receipts' id='x'/></message>"));
            h.receive(REQUEST.replace("id='richard2-4.1.247'", "id='chat1' type='chat'"));
            XmlElement ack = h.nextSent();
            assertThat(ack.element("received", DeliveryReceipts.NAMESPACE).attribute("id"))
                    .as("only the chat message is answered, and in its own type").isEqualTo("chat1");
            assertThat(ack.attribute("type")).isEqualTo("chat");
            assertThat(h.peer.nextSent(QUIET)).isNull();
        }
    }

    @Test
    void noAnswersWhenTurnedOffOrWhenTheSenderMayNotSeeOurPresence() throws Exception {
        DeliveryReceipts receipts = new DeliveryReceipts(ReceiptsConfig.DEFAULT.withAutoAck(false,
                ReceiptsConfig.AckTo.EVERYONE));
        try (StreamHarness h = started(receipts)) {
            h.receive(REQUEST);
            assertThat(h.peer.nextSent(QUIET)).isNull();
            receipts.configure(ReceiptsConfig.DEFAULT.withAutoAck(true, ReceiptsConfig.AckTo.PRESENCE_SUBSCRIBERS));
            h.receive(REQUEST);
            assertThat(h.peer.nextSent(QUIET)).as("no roster: nobody is a presence subscriber").isNull();
            receipts.configure(ReceiptsConfig.DEFAULT);
            h.receive(REQUEST);
            assertThat(h.nextSent().element("received", DeliveryReceipts.NAMESPACE)).isNotNull();
        }
    }

    @Test
    void sendWithReceiptCompletesWithTheReceiptAndRaisesTheEvent() throws Exception {
        DeliveryReceipts receipts = new DeliveryReceipts();
        try (StreamHarness h = started(receipts)) {
            BlockingQueue<ReceiptReceived> events = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler(DeliveryReceipts.EVENT_RECEIPT_RECEIVED, r -> events.add((ReceiptReceived) r));
            Message message = h.xmpp.makeMessage(KING, "My lord, dispatch; read o'er these articles.", null);
            message.setId("richard2-4.1.247");
            CompletableFuture<ReceiptReceived> future = receipts.sendWithReceipt(message);

            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("id")).isEqualTo("richard2-4.1.247");
            assertThat(sent.element("request", DeliveryReceipts.NAMESPACE)).isNotNull();
            assertThat(receipts.pendingCount()).isEqualTo(1);

            h.receive(RECEIPT.replace("kingrichard@royalty.england.lit/throne", "mallory@evil.lit/x"));
            assertThat(events.poll(5, TimeUnit.SECONDS).from()).isEqualTo(Jid.of("mallory@evil.lit/x"));
            assertThat(future).as("a receipt from someone else confirms nothing").isNotDone();

            h.receive(RECEIPT);
            ReceiptReceived receipt = future.get(5, TimeUnit.SECONDS);
            assertThat(receipt.id()).isEqualTo("richard2-4.1.247");
            assertThat(receipt.from()).isEqualTo(KING);
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(receipt);
            assertThat(receipts.pendingCount()).isZero();
            assertThat(receipt.message().getReceipt().getId()).isEqualTo("richard2-4.1.247");
            assertThat(receipt.message().get("receipt")).isInstanceOf(Receipt.class);
        }
    }

    @Test
    void aMessageWithoutIdGetsOneAndABareRecipientIsAnsweredByAnyOfItsResources() throws Exception {
        DeliveryReceipts receipts = new DeliveryReceipts();
        try (StreamHarness h = started(receipts)) {
            CompletableFuture<ReceiptReceived> future =
                    receipts.sendWithReceipt(h.xmpp.makeMessage(KING.bare(), "hi", Message.Type.CHAT));
            String id = h.nextSent().attribute("id");
            assertThat(id).isNotEmpty();
            h.receive(RECEIPT.replace("richard2-4.1.247", id));
            assertThat(future.get(5, TimeUnit.SECONDS).id()).isEqualTo(id);
        }
    }

    @Test
    void aReceiptThatNeverComesTimesOutAndLeavesNothingBehind() throws Exception {
        DeliveryReceipts receipts = new DeliveryReceipts(ReceiptsConfig.DEFAULT.withTimeout(Duration.ofMillis(200)));
        try (StreamHarness h = started(receipts)) {
            CompletableFuture<ReceiptReceived> future = receipts.sendWithReceipt(h.xmpp.makeMessage(KING, "hi", null));
            h.nextSent();
            assertThat(failureOf(future)).isInstanceOf(TimeoutException.class);
            assertThat(receipts.pendingCount()).isZero();
        }
    }

    @Test
    void sendUntilReceivedSendsAgainWithTheSameIdUntilTheReceiptComes() throws Exception {
        DeliveryReceipts receipts = new DeliveryReceipts(ReceiptsConfig.DEFAULT.withTimeout(Duration.ofMillis(200)));
        try (StreamHarness h = started(receipts)) {
            Message message = h.xmpp.makeMessage(KING, "My lord, dispatch; read o'er these articles.", null);
            message.setId("richard2-4.1.247");
            CompletableFuture<ReceiptReceived> future = receipts.sendUntilReceived(message, 3);
            XmlElement first = h.nextSent();
            XmlElement second = h.nextSent(); // no receipt within the timeout: the same message again
            assertThat(second.attribute("id")).isEqualTo(first.attribute("id")).isEqualTo("richard2-4.1.247");
            assertThat(second.childText("body", "jabber:client")).isEqualTo(first.childText("body", "jabber:client"));
            assertThat(second.element("request", DeliveryReceipts.NAMESPACE)).isNotNull();
            h.receive(RECEIPT);
            assertThat(future.get(5, TimeUnit.SECONDS).id()).isEqualTo("richard2-4.1.247");
            assertThat(receipts.pendingCount()).isZero();
        }
    }

    @Test
    void sendUntilReceivedWaitsTwiceAsLongEachTimeAndGivesUpAfterItsAttempts() throws Exception {
        DeliveryReceipts receipts = new DeliveryReceipts(ReceiptsConfig.DEFAULT.withTimeout(Duration.ofMillis(100)));
        try (StreamHarness h = started(receipts)) {
            long start = System.nanoTime();
            CompletableFuture<ReceiptReceived> future = receipts.sendUntilReceived(h.xmpp.makeMessage(KING, "hi", null),
                    2);
            h.nextSent();
            h.nextSent();
            assertThat(failureOf(future)).isInstanceOf(TimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("100 ms, then twice as long")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(h.peer.nextSent(Duration.ofMillis(300))).as("no third attempt").isNull();
        }
    }

    @Test
    void theWaitingSetIsBoundedAndEmptiedWhenTheConnectionEnds() throws Exception {
        DeliveryReceipts receipts = new DeliveryReceipts(ReceiptsConfig.DEFAULT.withMaxPending(1));
        CompletableFuture<ReceiptReceived> first;
        try (StreamHarness h = started(receipts)) {
            first = receipts.sendWithReceipt(h.xmpp.makeMessage(KING, "one", null));
            h.nextSent();
            CompletableFuture<ReceiptReceived> second = receipts.sendWithReceipt(h.xmpp.makeMessage(KING, "two", null));
            assertThat(failureOf(second)).isInstanceOf(IllegalStateException.class);
            assertThat(h.peer.nextSent(QUIET)).as("a message over the bound is not sent").isNull();
        }
        assertThat(failureOf(first)).isInstanceOf(StreamClosedException.class);
        assertThat(receipts.pendingCount()).isZero();
        Message late = new Message(XmlElement.parse("<message xmlns='jabber:client' to='a@b'><body>x</body></message>"));
        assertThat(failureOf(receipts.sendWithReceipt(late))).as("after the end, nothing would complete it")
                .isInstanceOf(StreamClosedException.class);
        assertThat(receipts.pendingCount()).isZero();
    }

    @Test
    void autoRequestAddsRequestsOnlyToContentMessagesWithAnId() throws Exception {
        try (StreamHarness h = started(new DeliveryReceipts(ReceiptsConfig.DEFAULT.withAutoRequest(true)))) {
            Message noId = h.xmpp.makeMessage(KING, "no id", Message.Type.CHAT);
            Message groupchat = h.xmpp.makeMessage(KING.bare(), "room", Message.Type.GROUPCHAT);
            groupchat.setId("g1");
            Message noBody = h.xmpp.makeMessage(KING, null, Message.Type.CHAT);
            noBody.setId("n1");
            Message chat = h.xmpp.makeMessage(KING, "yes", Message.Type.CHAT);
            chat.setId("c1");
            for (Message m : new Message[] {noId, groupchat, noBody, chat}) {
                m.send();
            }
            assertThat(h.nextSent().element("request", DeliveryReceipts.NAMESPACE)).isNull();
            assertThat(h.nextSent().element("request", DeliveryReceipts.NAMESPACE)).isNull();
            assertThat(h.nextSent().element("request", DeliveryReceipts.NAMESPACE)).isNull();
            XmlElement requested = h.nextSent();
            assertThat(requested.attribute("id")).isEqualTo("c1");
            assertThat(requested.elements("request", DeliveryReceipts.NAMESPACE)).hasSize(1);
        }
    }

    @Test
    void aMalformedReceiptIsIgnoredAndTheFeatureIsAnnounced() throws Exception {
        try (StreamHarness h = started(new DeliveryReceipts())) {
            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler(DeliveryReceipts.EVENT_RECEIPT_RECEIVED, events::add);
            h.xmpp.addEventHandler("exception", events::add);
            h.receive(RECEIPT.replace(" id='richard2-4.1.247'", "").replace("from='kingrichard", "from='@@bad"));
            h.receive(RECEIPT);
            assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOf(ReceiptReceived.class);
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(DeliveryReceipts.NAMESPACE);
        }
    }

    static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the future did not fail within 5 s", e);
        }
        throw new AssertionError("the future completed instead of failing");
    }

    @Test
    void loadsByNameWithServiceDiscovery() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(DeliveryReceipts.NAME);
            h.start();
            assertThat(h.xmpp.plugin(DeliveryReceipts.class)).isNotNull();
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(DeliveryReceipts.NAMESPACE);
        }
    }
}
