package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0045.History;
import org.xmppboot.plugins.xep0045.JoinOptions;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.reconnect.ReconnectPolicy;

/**
 * The server crashes and comes back: its rooms are gone with it (they were not persistent), and the bot, finding
 * itself in a new session, joins its room again, which creates it anew, and hears what is said there.
 */
@ProsodyTest(isolated = true)
class MucServerRestartTest {

    private static final String PASSWORD = "outlives its room";

    @Test
    void theBotIsBackInItsRoomAfterTheServerRestarted(LocalProsody server) throws Exception {
        Jid room = MucIntegrationTest.newRoom();
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid userJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = new ClientXMPP(Clients.config(server, botJid, PASSWORD)
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(200), Duration.ofSeconds(1))).build());
        MultiUserChat botMuc = new MultiUserChat();
        bot.registerPlugin(botMuc);
        BlockingQueue<String> atBot = MucIntegrationTest.groupchat(bot);
        BlockingQueue<Object> joins = new LinkedBlockingQueue<>();
        bot.addEventHandler(MultiUserChat.EVENT_JOINED, joins::add);
        botMuc.join(room, JoinOptions.nick("bot").withHistory(History.NONE));
        bot.connect().get(15, TimeUnit.SECONDS);
        assertThat(joins.poll(15, TimeUnit.SECONDS)).isNotNull();
        ClientXMPP user = null;
        try {
            server.killHard();
            Thread.sleep(1_000);
            server.restart();
            assertThat(joins.poll(30, TimeUnit.SECONDS)).as("rejoined after the restart").isNotNull();
            assertThat(botMuc.room(room).isJoined()).isTrue();

            user = Clients.connected(server, userJid, PASSWORD);
            MultiUserChat userMuc = new MultiUserChat();
            user.registerPlugin(userMuc);
            userMuc.join(room, JoinOptions.nick("user").withHistory(History.NONE)).get(15, TimeUnit.SECONDS);
            userMuc.sendMessage(room, "bot: are you there?");
            assertThat(atBot.poll(10, TimeUnit.SECONDS)).isEqualTo("bot: are you there?");
        } finally {
            if (user != null) {
                Clients.close(user);
            }
            Clients.close(bot);
        }
    }
}
