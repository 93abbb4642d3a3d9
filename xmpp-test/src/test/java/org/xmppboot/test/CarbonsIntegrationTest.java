package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0280.MessageCarbons;
import org.xmppboot.stanza.Message;

/**
 * XEP-0280 against Prosody (mod_carbons): two clients of one account see each other's conversation with a
 * contact as carbons, and a private message is not copied.
 */
@XmppServerTest
class CarbonsIntegrationTest {

    private static final String PASSWORD = "carbons-pw";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static ClientXMPP withCarbons(LocalServer server, Jid jid, MessageCarbons carbons) throws Exception {
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD).build());
        client.registerPlugin(carbons);
        client.connect().get(15, TimeUnit.SECONDS);
        await("carbons enabled at session start").atMost(WAIT).until(carbons::isEnabled);
        return client;
    }

    private static BlockingQueue<Message> record(ClientXMPP client, String event) {
        BlockingQueue<Message> raised = new LinkedBlockingQueue<>();
        client.addEventHandler(event, m -> raised.add((Message) m));
        return raised;
    }

    @Test
    void ourOtherClientsConversationArrivesAsCarbonsAndPrivateMessagesAreNotCopied(LocalServer server)
            throws Exception {
        Jid account = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid contact = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        MessageCarbons botCarbons = new MessageCarbons();
        MessageCarbons phoneCarbons = new MessageCarbons();
        ClientXMPP bot = withCarbons(server, account.withResource("bot"), botCarbons);
        ClientXMPP phone = withCarbons(server, account.withResource("phone"), phoneCarbons);
        ClientXMPP friend = Clients.connected(server, contact.withResource("desk"), PASSWORD);
        try {
            BlockingQueue<Message> botReceivedCopies = record(bot, MessageCarbons.EVENT_CARBON_RECEIVED);
            BlockingQueue<Message> botSentCopies = record(bot, MessageCarbons.EVENT_CARBON_SENT);
            BlockingQueue<Message> botMessages = record(bot, "message");
            BlockingQueue<Message> phoneSentCopies = record(phone, MessageCarbons.EVENT_CARBON_SENT);
            BlockingQueue<Message> friendMessages = record(friend, "message");

            friend.sendMessage(account.withResource("phone"), "to your phone", Message.Type.CHAT);
            Message received = botReceivedCopies.poll(15, TimeUnit.SECONDS);
            assertThat(received).as("a copy of what the phone received").isNotNull();
            assertThat(received.getBody()).isEqualTo("to your phone");
            assertThat(received.getFrom()).isEqualTo(contact.withResource("desk"));
            assertThat(received.getTo()).isEqualTo(account.withResource("phone"));

            phone.sendMessage(contact, "from the phone", Message.Type.CHAT);
            Message sent = botSentCopies.poll(15, TimeUnit.SECONDS);
            assertThat(sent).as("a copy of what the phone sent").isNotNull();
            assertThat(sent.getBody()).isEqualTo("from the phone");
            assertThat(sent.getTo()).isEqualTo(contact);
            assertThat(friendMessages.poll(15, TimeUnit.SECONDS).getBody()).isEqualTo("from the phone");

            botCarbons.sendPrivate(bot.makeMessage(contact, "private from the bot", Message.Type.CHAT));
            bot.sendMessage(contact, "copied from the bot", Message.Type.CHAT);
            assertThat(friendMessages.poll(15, TimeUnit.SECONDS).getBody()).isEqualTo("private from the bot");
            assertThat(friendMessages.poll(15, TimeUnit.SECONDS).getBody()).isEqualTo("copied from the bot");
            Message copied = phoneSentCopies.poll(15, TimeUnit.SECONDS);
            assertThat(copied.getBody()).as("the private message was not copied").isEqualTo("copied from the bot");
            assertThat(phoneSentCopies.poll(1, TimeUnit.SECONDS)).isNull();

            assertThat(botMessages.poll(1, TimeUnit.SECONDS)).as("copies are not messages to the bot").isNull();

            botCarbons.disable().get(15, TimeUnit.SECONDS);
            assertThat(botCarbons.isEnabled()).isFalse();
            friend.sendMessage(account.withResource("phone"), "after disable", Message.Type.CHAT);
            phone.sendMessage(contact, "marker", Message.Type.CHAT);
            assertThat(friendMessages.poll(15, TimeUnit.SECONDS).getBody()).isEqualTo("marker");
            assertThat(botReceivedCopies.poll(1, TimeUnit.SECONDS)).isNull();
            assertThat(botSentCopies.poll(1, TimeUnit.SECONDS)).isNull();
        } finally {
            Clients.close(friend);
            Clients.close(phone);
            Clients.close(bot);
        }
    }
}
