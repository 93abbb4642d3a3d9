package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0280.MessageCarbons;
import org.xmppboot.stanza.Message;

/**
 * XEP-0280 with Smack's CarbonManager as the other client of our account: each sees, as carbons, the conversation
 * the other has with a third party.
 */
@XmppServerTest
class CarbonsSmackInteropTest {

    private static final String PASSWORD = "carbons-pw";
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** A carbon copy as Smack's listener saw it. */
    private record SmackCopy(CarbonExtension.Direction direction, org.jivesoftware.smack.packet.Message message) {
    }

    private static BlockingQueue<Message> record(ClientXMPP client, String event) {
        BlockingQueue<Message> raised = new LinkedBlockingQueue<>();
        client.addEventHandler(event, m -> raised.add((Message) m));
        return raised;
    }

    private static org.jivesoftware.smack.packet.Message chat(XMPPTCPConnection smack, Jid to, String body)
            throws Exception {
        return smack.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from(to.toString()))
                .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
                .setBody(body)
                .build();
    }

    @Test
    void ourClientAndSmackOnOneAccountSeeEachOthersConversationAsCarbons(LocalServer server) throws Exception {
        Jid account = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid contact = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        MessageCarbons carbons = new MessageCarbons();
        ClientXMPP bot = new ClientXMPP(Clients.config(server, account.withResource("bot"), PASSWORD).build());
        bot.registerPlugin(carbons);
        bot.connect().get(15, TimeUnit.SECONDS);
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, account, PASSWORD);
        ClientXMPP friend = Clients.connected(server, contact.withResource("desk"), PASSWORD);
        try {
            await("our carbons enabled").atMost(WAIT).until(carbons::isEnabled);
            CarbonManager smackCarbons = CarbonManager.getInstanceFor(smack);
            BlockingQueue<SmackCopy> smackCopies = new LinkedBlockingQueue<>();
            smackCarbons.addCarbonCopyReceivedListener((direction, copy, wrapper) ->
                    smackCopies.add(new SmackCopy(direction, copy)));
            smackCarbons.setCarbonsEnabled(true);
            assertThat(smackCarbons.getCarbonsEnabled()).isTrue();
            Jid smackJid = account.withResource("smack");

            BlockingQueue<Message> botReceived = record(bot, MessageCarbons.EVENT_CARBON_RECEIVED);
            BlockingQueue<Message> botSent = record(bot, MessageCarbons.EVENT_CARBON_SENT);
            BlockingQueue<Message> friendMessages = record(friend, "message");

            // What the friend sends to Smack's resource reaches us as a received carbon.
            friend.sendMessage(smackJid, "to smack", Message.Type.CHAT);
            Message received = botReceived.poll(15, TimeUnit.SECONDS);
            assertThat(received).as("our copy of what Smack received").isNotNull();
            assertThat(received.getBody()).isEqualTo("to smack");
            assertThat(received.getFrom()).isEqualTo(contact.withResource("desk"));
            assertThat(received.getTo()).isEqualTo(smackJid);

            // What Smack sends reaches us as a sent carbon.
            smack.sendStanza(chat(smack, contact, "from smack"));
            Message sent = botSent.poll(15, TimeUnit.SECONDS);
            assertThat(sent).as("our copy of what Smack sent").isNotNull();
            assertThat(sent.getBody()).isEqualTo("from smack");
            assertThat(sent.getFrom()).isEqualTo(smackJid);
            assertThat(sent.getTo()).isEqualTo(contact);
            assertThat(friendMessages.poll(15, TimeUnit.SECONDS).getBody()).isEqualTo("from smack");

            // And the other way: Smack gets copies of what we send and of what we receive.
            bot.sendMessage(contact, "from the bot", Message.Type.CHAT);
            SmackCopy ofSent = smackCopies.poll(15, TimeUnit.SECONDS);
            assertThat(ofSent).as("Smack's copy of what we sent").isNotNull();
            assertThat(ofSent.direction()).isEqualTo(CarbonExtension.Direction.sent);
            assertThat(ofSent.message().getBody()).isEqualTo("from the bot");
            assertThat(ofSent.message().getTo().toString()).isEqualTo(contact.toString());
            assertThat(ofSent.message().getFrom().toString()).isEqualTo(bot.boundJid().toString());
            assertThat(friendMessages.poll(15, TimeUnit.SECONDS).getBody()).isEqualTo("from the bot");

            friend.sendMessage(account.withResource("bot"), "to the bot", Message.Type.CHAT);
            SmackCopy ofReceived = smackCopies.poll(15, TimeUnit.SECONDS);
            assertThat(ofReceived).as("Smack's copy of what we received").isNotNull();
            assertThat(ofReceived.direction()).isEqualTo(CarbonExtension.Direction.received);
            assertThat(ofReceived.message().getBody()).isEqualTo("to the bot");
            assertThat(ofReceived.message().getFrom().toString()).isEqualTo(contact.withResource("desk").toString());

            // A message we mark private is not copied to Smack.
            carbons.sendPrivate(bot.makeMessage(contact, "private", Message.Type.CHAT));
            bot.sendMessage(contact, "public again", Message.Type.CHAT);
            assertThat(friendMessages.poll(15, TimeUnit.SECONDS).getBody()).isEqualTo("private");
            assertThat(friendMessages.poll(15, TimeUnit.SECONDS).getBody()).isEqualTo("public again");
            SmackCopy next = smackCopies.poll(15, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            assertThat(next.message().getBody()).as("the private message was not copied").isEqualTo("public again");
        } finally {
            Clients.close(friend);
            smack.disconnect();
            Clients.close(bot);
        }
    }
}
