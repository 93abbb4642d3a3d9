package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatStateManager;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0085.ChatState;
import org.xmppboot.plugins.xep0085.ChatStates;
import org.xmppboot.plugins.xep0184.DeliveryReceipts;
import org.xmppboot.plugins.xep0184.ReceiptReceived;
import org.xmppboot.stanza.Message;

/**
 * XEP-0184 receipts and XEP-0085 chat states between our client and Smack's {@code DeliveryReceiptManager} and
 * {@code ChatStateManager}, through a local Prosody.
 */
@XmppServerTest
class ConversationInteropTest {

    /** Our client with the conversation plugins, and a Smack client, each on a fresh account. */
    record Peers(ClientXMPP ours, XMPPTCPConnection smack, Jid smackJid) implements AutoCloseable {

        static Peers open(LocalServer server) throws Exception {
            Jid oursJid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
            Jid smackJid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
            ClientXMPP ours = new ClientXMPP(Clients.config(server, oursJid, "pw").build());
            ours.registerPlugin(new DeliveryReceipts()).registerPlugin(new ChatStates());
            ours.connect().get(15, TimeUnit.SECONDS);
            XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackJid, "pw");
            return new Peers(ours, smack, Jid.of(smack.getUser().toString()));
        }

        org.jxmpp.jid.EntityFullJid oursForSmack() throws Exception {
            return JidCreate.entityFullFrom(ours.boundJid().toString());
        }

        @Override
        public void close() throws Exception {
            smack.disconnect();
            Clients.close(ours);
        }
    }

    @Test
    void smackRequestsAReceiptAndGetsOurs(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            BlockingQueue<String> receipts = new LinkedBlockingQueue<>();
            DeliveryReceiptManager.getInstanceFor(peers.smack())
                    .addReceiptReceivedListener((from, to, id, receipt) -> receipts.add(id + " " + from));
            MessageBuilder message = peers.smack().getStanzaFactory().buildMessageStanza()
                    .to(peers.oursForSmack())
                    .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
                    .setBody("did you get this?");
            DeliveryReceiptRequest.addTo(message);
            org.jivesoftware.smack.packet.Message sent = message.build();
            peers.smack().sendStanza(sent);

            assertThat(receipts.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(sent.getStanzaId() + " " + peers.ours().boundJid());
        }
    }

    @Test
    void ourFutureCompletesWhenSmackAcknowledges(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            DeliveryReceiptManager.getInstanceFor(peers.smack())
                    .setAutoReceiptMode(DeliveryReceiptManager.AutoReceiptMode.always);
            ClientXMPP ours = peers.ours();
            Message message = ours.makeMessage(peers.smackJid(), "please confirm", Message.Type.CHAT);
            CompletableFuture<ReceiptReceived> future = ours.plugin(DeliveryReceipts.class).sendWithReceipt(message);

            ReceiptReceived receipt = future.get(10, TimeUnit.SECONDS);
            assertThat(receipt.id()).isEqualTo(message.getId());
            assertThat(receipt.from()).isEqualTo(peers.smackJid());
            assertThat(ours.plugin(DeliveryReceipts.class).pendingCount()).isZero();
        }
    }

    @Test
    void smacksChatStateRaisesOurEvent(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            peers.ours().addEventHandler("chatstate_composing",
                    m -> events.add("composing from " + ((Message) m).getFrom()));
            peers.ours().addEventHandler("message", m -> events.add("message event"));

            ChatStateManager.getInstance(peers.smack()).setCurrentState(
                    org.jivesoftware.smackx.chatstates.ChatState.composing,
                    ChatManager.getInstanceFor(peers.smack()).chatWith(peers.oursForSmack().asEntityBareJid()));

            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("composing from " + peers.smackJid());
            assertThat(events.poll(300, TimeUnit.MILLISECONDS)).as("a standalone state has no body").isNull();
        }
    }

    @Test
    void ourChatStateReachesSmacksListener(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            BlockingQueue<String> states = new LinkedBlockingQueue<>();
            ChatStateManager.getInstance(peers.smack())
                    .addChatStateListener((chat, state, message) -> states.add(state + " from " + message.getFrom()));

            assertThat(peers.ours().plugin(ChatStates.class).send(peers.smackJid(), ChatState.COMPOSING)).isTrue();

            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo("composing from " + peers.ours().boundJid());
        }
    }
}
