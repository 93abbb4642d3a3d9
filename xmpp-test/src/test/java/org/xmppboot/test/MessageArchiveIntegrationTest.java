package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0313.ArchivePage;
import org.xmppboot.plugins.xep0313.ArchivePreferences;
import org.xmppboot.plugins.xep0313.ArchiveQuery;
import org.xmppboot.plugins.xep0313.ArchivedMessage;
import org.xmppboot.plugins.xep0313.ArchivingDefault;
import org.xmppboot.plugins.xep0313.MamConfig;
import org.xmppboot.plugins.xep0313.MessageArchive;
import org.xmppboot.stanza.Message;

/**
 * XEP-0313 against Prosody (mod_mam): messages sent to the bot while it is away are in its archive; the bot pages
 * through them both ways, catches up on them once, and a restarted bot resumes from the id it got to; its
 * archiving preferences (XEP-0441) decide what is archived.
 */
@XmppServerTest
class MessageArchiveIntegrationTest {

    private static final String PASSWORD = "archive-pw";
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** A bot that does not send initial presence, so the server keeps its offline messages to itself. */
    private static ClientXMPP bot(LocalServer server, Jid account, MessageArchive archive) throws Exception {
        ClientXMPP bot = new ClientXMPP(Clients.config(server, account, PASSWORD).sendInitialPresence(false)
                .build());
        bot.registerPlugin(archive);
        bot.connect().get(15, TimeUnit.SECONDS);
        return bot;
    }

    private static List<String> bodies(ArchivePage page) {
        return page.messages().stream().map(m -> m.message().getBody()).toList();
    }

    @Test
    void whatArrivedWhileAwayIsPagedAndCaughtUpOnOnce(LocalServer server) throws Exception {
        Jid account = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid contact = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Instant before = Instant.now().minusSeconds(5);
        ClientXMPP friend = Clients.connected(server, contact.withResource("desk"), PASSWORD);
        List<String> sent = List.of("one", "two", "three", "four", "five");
        for (String body : sent) {
            friend.sendMessage(account, body, Message.Type.CHAT);
        }

        MessageArchive archive = new MessageArchive(new MamConfig(2, 100));
        ClientXMPP bot = bot(server, account.withResource("bot"), archive);
        ClientXMPP restarted = null;
        try {
            ArchiveQuery fromFriend = ArchiveQuery.ALL.with(contact);
            await("all five archived").atMost(WAIT).until(() ->
                    archive.lastPage(fromFriend).get(15, TimeUnit.SECONDS).messages().stream()
                            .anyMatch(m -> "five".equals(m.message().getBody())));

            // Forward, two at a time.
            ArchivePage first = archive.firstPage(fromFriend).get(15, TimeUnit.SECONDS);
            assertThat(bodies(first)).containsExactly("one", "two");
            assertThat(first.hasMore()).isTrue();
            assertThat(first.messages().get(0).message().getFrom().bare()).isEqualTo(contact);
            assertThat(first.messages().get(0).stamp()).isAfter(before);
            ArchivePage second = archive.nextPage(first).get(15, TimeUnit.SECONDS);
            assertThat(bodies(second)).containsExactly("three", "four");
            ArchivePage third = archive.nextPage(second).get(15, TimeUnit.SECONDS);
            assertThat(bodies(third)).containsExactly("five");
            assertThat(third.hasMore()).isFalse();

            // Backward from the newest.
            ArchivePage newest = archive.lastPage(fromFriend).get(15, TimeUnit.SECONDS);
            assertThat(bodies(newest)).containsExactly("four", "five");
            ArchivePage older = archive.previousPage(newest).get(15, TimeUnit.SECONDS);
            assertThat(bodies(older)).containsExactly("two", "three");
            ArchivePage oldest = archive.previousPage(older).get(15, TimeUnit.SECONDS);
            assertThat(bodies(oldest)).containsExactly("one");
            assertThat(oldest.hasMore()).isFalse();

            // The lazy iterator, off the event thread.
            List<String> iterated = new ArrayList<>();
            archive.iterate(fromFriend).forEachRemaining(m -> iterated.add(m.message().getBody()));
            assertThat(iterated).isEqualTo(sent);

            // Catch-up: each message once, however often it runs.
            List<ArchivedMessage> caught = new CopyOnWriteArrayList<>();
            assertThat(archive.catchUp(before, caught::add).get(15, TimeUnit.SECONDS)).isEqualTo(5);
            assertThat(caught).extracting(m -> m.message().getBody()).isEqualTo(sent);
            assertThat(archive.catchUp(before, caught::add).get(15, TimeUnit.SECONDS)).isZero();
            String thirdId = caught.get(2).id();

            // A message received live is handled by the bot's handlers: catch-up leaves it alone.
            BlockingQueue<Message> live = new LinkedBlockingQueue<>();
            bot.addEventHandler("message", m -> live.add((Message) m));
            friend.sendMessage(account.withResource("bot"), "six", Message.Type.CHAT);
            Message six = live.poll(15, TimeUnit.SECONDS);
            assertThat(six.getBody()).isEqualTo("six");
            assertThat(six.getStanzaId(account)).as("Prosody's archive id on the live message").isNotNull();
            assertThat(archive.lastHandledId()).isEqualTo(six.getStanzaId(account));
            assertThat(archive.catchUp(before, caught::add).get(15, TimeUnit.SECONDS)).isZero();
            assertThat(live.poll(500, TimeUnit.MILLISECONDS)).as("archive results are not messages").isNull();

            // A restarted bot resumes after the id it had got to.
            Clients.close(bot);
            MessageArchive fresh = new MessageArchive();
            restarted = bot(server, account.withResource("bot"), fresh);
            List<String> resumed = new CopyOnWriteArrayList<>();
            assertThat(fresh.catchUp(thirdId, m -> resumed.add(m.message().getBody())).get(15, TimeUnit.SECONDS))
                    .isEqualTo(3);
            assertThat(resumed).containsExactly("four", "five", "six");
        } finally {
            if (restarted != null) {
                Clients.close(restarted);
            } else {
                Clients.close(bot);
            }
            Clients.close(friend);
        }
    }

    @Test
    void preferencesDecideWhatOurServerArchives(LocalServer server) throws Exception {
        Jid account = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid friend = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid stranger = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        MessageArchive archive = new MessageArchive();
        ClientXMPP bot = bot(server, account.withResource("bot"), archive);
        ClientXMPP friendClient = Clients.connected(server, friend.withResource("desk"), PASSWORD);
        ClientXMPP strangerClient = Clients.connected(server, stranger.withResource("desk"), PASSWORD);
        try {
            ArchivePreferences before = archive.preferences().get(15, TimeUnit.SECONDS);
            assertThat(before.always()).isEmpty();
            assertThat(before.never()).isEmpty();

            ArchivePreferences onlyFriend = ArchivePreferences.of(ArchivingDefault.NEVER).withAlways(List.of(friend))
                    .withNever(List.of(stranger.withResource("desk")));
            ArchivePreferences applied = archive.setPreferences(onlyFriend).get(15, TimeUnit.SECONDS);
            assertThat(applied.defaultBehaviour()).isEqualTo(ArchivingDefault.NEVER);
            assertThat(applied.always()).containsExactly(friend);
            // What the server applied counts: ejabberd keeps bare JIDs only, Prosody the full JID as sent.
            assertThat(applied.never()).extracting(Jid::bare).containsExactly(stranger);
            assertThat(archive.preferences().get(15, TimeUnit.SECONDS)).isEqualTo(applied);

            strangerClient.sendMessage(account, "not archived", Message.Type.CHAT);
            friendClient.sendMessage(account, "archived", Message.Type.CHAT);
            await("the friend's message archived").atMost(WAIT).until(() -> bodies(
                    archive.lastPage(ArchiveQuery.ALL).get(15, TimeUnit.SECONDS)).contains("archived"));
            assertThat(bodies(archive.firstPage(ArchiveQuery.ALL).get(15, TimeUnit.SECONDS)))
                    .containsExactly("archived");

            ArchivePreferences everything = ArchivePreferences.of(ArchivingDefault.ALWAYS);
            assertThat(archive.setPreferences(everything).get(15, TimeUnit.SECONDS)).isEqualTo(everything);
            strangerClient.sendMessage(account, "archived now", Message.Type.CHAT);
            await("the stranger's message archived").atMost(WAIT).until(() -> bodies(
                    archive.lastPage(ArchiveQuery.ALL).get(15, TimeUnit.SECONDS)).contains("archived now"));
        } finally {
            Clients.close(strangerClient);
            Clients.close(friendClient);
            Clients.close(bot);
        }
    }
}
