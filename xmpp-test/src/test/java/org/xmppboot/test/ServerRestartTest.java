package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stanza.Message;

/**
 * The server itself crashes ({@code kill -9}) and comes back while requests flow: the bot must find it again by
 * itself and answer what reaches it afterwards. What only the crashed server held (stanzas it had accepted but not
 * yet delivered, the resumable session) is lost with it, and the test says how much.
 */
@ProsodyTest(isolated = true)
class ServerRestartTest {

    private static final String PASSWORD = "outlives its server";
    private static final int MESSAGES = Integer.getInteger("xmpp.reliability.messages", 1_000) / 4;

    @Test
    void theBotComesBackAfterItsServerCrashedAndAnswersWhatReachesIt(LocalProsody server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid userJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = new ClientXMPP(Clients.config(server, botJid, PASSWORD)
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(200), Duration.ofSeconds(1))).build());
        bot.addEventHandler("message", data -> {
            Message request = (Message) data;
            request.reply("re:" + request.getBody()).send();
        });
        List<Long> sessions = new CopyOnWriteArrayList<>();
        bot.addEventHandler("session_start", data -> sessions.add(System.nanoTime()));
        bot.connect().get(15, TimeUnit.SECONDS);

        Map<String, Boolean> answered = new ConcurrentHashMap<>();
        ClientXMPP user = userOf(server, userJid, answered);
        int sent = 0;
        long killedAt = 0;
        try {
            for (int i = 0; i < MESSAGES; i++) {
                if (i == MESSAGES / 3) {
                    server.killHard();
                    killedAt = System.nanoTime();
                    Thread.sleep(1_000); // down for a second, as a crashed server restarted by its supervisor
                    server.restart();
                    user.disconnect().get(15, TimeUnit.SECONDS);
                    user = userOf(server, userJid, answered);
                }
                user.sendMessage(botJid, Integer.toString(i), Message.Type.CHAT);
                sent++;
                Thread.sleep(5);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered.size() < sent && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            int lost = sent - answered.size();
            long back = sessions.size() < 2 ? -1 : TimeUnit.NANOSECONDS.toMillis(sessions.get(1) - killedAt);
            System.out.println("[server-restart prosody] " + sent + " requests, server down 1 s: answered "
                    + answered.size() + ", lost " + lost + ", bot back " + back + " ms after the kill");

            assertThat(sessions).as("a new session after the restart").hasSizeGreaterThanOrEqualTo(2);
            for (int i = MESSAGES / 3 + 10; i < MESSAGES; i++) {
                assertThat(answered).as("request %d, sent once both were back", i).containsKey(Integer.toString(i));
            }
        } finally {
            user.disconnect();
            Clients.close(bot);
        }
    }

    private static ClientXMPP userOf(LocalProsody server, Jid jid, Map<String, Boolean> answered) throws Exception {
        ClientXMPP user = Clients.connected(server, jid, PASSWORD);
        user.addEventHandler("message", data -> {
            String body = ((Message) data).getBody();
            if (body != null && body.startsWith("re:")) {
                answered.put(body.substring(3), Boolean.TRUE);
            }
        });
        return user;
    }
}
