package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0313.ArchivePage;
import org.xmppboot.plugins.xep0313.ArchiveQuery;
import org.xmppboot.plugins.xep0313.ArchivedMessage;
import org.xmppboot.plugins.xep0313.MamConfig;
import org.xmppboot.plugins.xep0313.MessageArchive;
import org.xmppboot.plugins.xep0359.StanzaIds;
import org.xmppboot.stanza.Message;

/**
 * XEP-0313 with Smack on the other side: our bot pages through what Smack sent it, and Smack's MamManager reads
 * back what our bot sent.
 */
@XmppServerTest
class MessageArchiveSmackInteropTest {

    private static final String PASSWORD = "archive-pw";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> BODIES = List.of("one", "two", "three", "four", "five");

    private static ClientXMPP bot(LocalServer server, Jid account, MessageArchive archive) throws Exception {
        ClientXMPP bot = new ClientXMPP(Clients.config(server, account.withResource("bot"), PASSWORD).build());
        bot.registerPlugin(archive);
        bot.registerPlugin(new StanzaIds());
        bot.connect().get(15, TimeUnit.SECONDS);
        return bot;
    }

    private static List<String> bodies(ArchivePage page) {
        return page.messages().stream().map(m -> m.message().getBody()).toList();
    }

    private static ArchivePage page(java.util.concurrent.CompletableFuture<ArchivePage> pending) throws Exception {
        return pending.get(15, TimeUnit.SECONDS);
    }

    @Test
    void ourBotPagesThroughWhatSmackSentItBothWays(LocalServer server) throws Exception {
        Jid account = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid smackAccount = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Instant before = Instant.now().minusSeconds(5);
        MessageArchive archive = new MessageArchive(new MamConfig(2, 100));
        ClientXMPP bot = bot(server, account, archive);
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackAccount, PASSWORD);
        try {
            // The archive ids our server gave the messages as they arrived live, by body.
            Map<String, String> liveIds = new ConcurrentHashMap<>();
            bot.addEventHandler("message", data -> {
                Message m = (Message) data;
                String id = m.getStanzaId(account);
                if (m.getBody() != null && id != null) {
                    liveIds.put(m.getBody(), id);
                }
            });
            for (String body : BODIES) {
                smack.sendStanza(smack.getStanzaFactory().buildMessageStanza()
                        .to(JidCreate.from(account.toString()))
                        .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
                        .setBody(body)
                        .addExtension(new OriginIdElement("smack-" + body))
                        .build());
            }
            await("all five received live").atMost(WAIT).until(() -> liveIds.size() == BODIES.size());
            ArchiveQuery fromSmack = ArchiveQuery.ALL.with(smackAccount);
            await("all five archived").atMost(WAIT).until(() -> bodies(page(archive.lastPage(fromSmack)))
                    .contains("five"));

            List<ArchivedMessage> forward = new ArrayList<>();
            ArchivePage first = page(archive.firstPage(fromSmack));
            assertThat(bodies(first)).containsExactly("one", "two");
            assertThat(first.hasMore()).isTrue();
            ArchivePage second = page(archive.nextPage(first));
            assertThat(bodies(second)).containsExactly("three", "four");
            ArchivePage third = page(archive.nextPage(second));
            assertThat(bodies(third)).containsExactly("five");
            assertThat(third.hasMore()).isFalse();
            List.of(first, second, third).forEach(p -> forward.addAll(p.messages()));
            for (ArchivedMessage m : forward) {
                String body = m.message().getBody();
                assertThat(m.id()).as("archive id of %s", body).isEqualTo(liveIds.get(body));
                assertThat(m.stamp()).as("stamp of %s", body).isAfter(before).isBefore(Instant.now().plusSeconds(5));
                assertThat(m.message().getOriginId()).isEqualTo("smack-" + body);
                assertThat(m.message().getFrom().bare()).isEqualTo(smackAccount);
            }
            assertThat(forward).extracting(ArchivedMessage::stamp).isSorted();

            ArchivePage newest = page(archive.lastPage(fromSmack));
            assertThat(bodies(newest)).containsExactly("four", "five");
            ArchivePage older = page(archive.previousPage(newest));
            assertThat(bodies(older)).containsExactly("two", "three");
            ArchivePage oldest = page(archive.previousPage(older));
            assertThat(bodies(oldest)).containsExactly("one");
            assertThat(oldest.hasMore()).isFalse();
            assertThat(oldest.messages().get(0).id()).isEqualTo(forward.get(0).id());
        } finally {
            smack.disconnect();
            Clients.close(bot);
        }
    }

    @Test
    void smacksMamManagerReadsBackWhatOurBotSent(LocalServer server) throws Exception {
        Jid account = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid smackAccount = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = bot(server, account, new MessageArchive());
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackAccount, PASSWORD);
        try {
            List<String> originIds = new ArrayList<>();
            for (String body : BODIES) {
                Message message = bot.makeMessage(smackAccount, body, Message.Type.CHAT);
                String originId = "bot-" + body;
                message.setOriginId(originId);
                originIds.add(originId);
                message.send();
            }
            // One more without an id of its own: our StanzaIds plugin gives it one.
            bot.sendMessage(smackAccount, "six & <seven>", Message.Type.CHAT);

            MamManager mam = MamManager.getInstanceFor(smack);
            MamManager.MamQueryArgs fromBot = MamManager.MamQueryArgs.builder()
                    .limitResultsToJid(JidCreate.from(account.toString()))
                    .setResultPageSizeTo(10)
                    .build();
            List<org.jivesoftware.smack.packet.Message> read = new ArrayList<>();
            await("Smack reads all six").atMost(WAIT).until(() -> {
                read.clear();
                read.addAll(mam.queryArchive(fromBot).getMessages());
                return read.size() >= BODIES.size() + 1;
            });
            assertThat(read).extracting(org.jivesoftware.smack.packet.Message::getBody)
                    .containsExactly("one", "two", "three", "four", "five", "six & <seven>");
            assertThat(read.subList(0, BODIES.size())).extracting(m -> OriginIdElement.getOriginId(m).getId())
                    .isEqualTo(originIds);
            OriginIdElement generated = OriginIdElement.getOriginId(read.get(BODIES.size()));
            assertThat(generated).as("the origin-id our StanzaIds plugin added").isNotNull();
            assertThat(generated.getId()).isNotBlank();
            assertThat(read).allSatisfy(m -> assertThat(m.getFrom().asBareJid().toString())
                    .isEqualTo(account.toString()));
        } finally {
            smack.disconnect();
            Clients.close(bot);
        }
    }
}
