package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0191.BlockedError;
import org.xmppboot.plugins.xep0191.Blocking;
import org.xmppboot.stanza.Message;

/** XEP-0191 against Prosody (mod_blocklist): block a contact, the list and the push, the error, unblock. */
@ProsodyTest
class BlockingIntegrationTest {

    private static final String PASSWORD = "blocking-pw";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aBlockedContactIsListedPushedRefusedAndUnblocked(LocalProsody server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid contact = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = new ClientXMPP(Clients.config(server, botJid, PASSWORD).build());
        Blocking blocking = new Blocking();
        bot.registerPlugin(blocking);
        BlockingQueue<Object> blocked = new LinkedBlockingQueue<>();
        BlockingQueue<Object> unblocked = new LinkedBlockingQueue<>();
        BlockingQueue<Message> errors = new LinkedBlockingQueue<>();
        bot.addEventHandler(Blocking.EVENT_BLOCKED, blocked::add);
        bot.addEventHandler(Blocking.EVENT_UNBLOCKED, unblocked::add);
        bot.addEventHandler("message_error", m -> errors.add((Message) m));
        bot.connect().get(15, TimeUnit.SECONDS);
        try {
            await().atMost(WAIT).until(blocking::isLoaded);
            assertThat(blocking.blocked()).isEmpty();

            blocking.block(contact).get(15, TimeUnit.SECONDS);
            assertThat(blocked.poll(15, TimeUnit.SECONDS)).as("the server's push").isEqualTo(Set.of(contact));
            assertThat(blocking.blocked()).containsExactly(contact);
            assertThat(blocking.fetchBlockList().get(15, TimeUnit.SECONDS)).containsExactly(contact);
            assertThat(blocking.isBlocked(contact.withResource("phone"))).isTrue();

            // Prosody refuses what we send to a JID we block, with <blocked/> (XEP-0191 §5.3).
            bot.sendMessage(contact, "are you there?", Message.Type.CHAT);
            Message error = errors.poll(15, TimeUnit.SECONDS);
            assertThat(error).isNotNull();
            assertThat(BlockedError.isBlocked(error)).as(error.toString()).isTrue();

            blocking.unblock(contact).get(15, TimeUnit.SECONDS);
            assertThat(unblocked.poll(15, TimeUnit.SECONDS)).isEqualTo(Set.of(contact));
            assertThat(blocking.blocked()).isEmpty();
            assertThat(blocking.fetchBlockList().get(15, TimeUnit.SECONDS)).isEmpty();
        } finally {
            Clients.close(bot);
        }
    }
}
