package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0045.History;
import org.xmppboot.plugins.xep0045.JoinOptions;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0045.Occupant;
import org.xmppboot.plugins.xep0045.Room;
import org.xmppboot.plugins.xep0410.MucSelfPing;
import org.xmppboot.plugins.xep0410.SelfPingConfig;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sm.StreamManagementConfig;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.xml.XmlElement;

/** XEP-0045 against the local Prosody: two of our clients in a room, and a bot whose connection is cut. */
@ProsodyTest
class MucIntegrationTest {

    private static final String PASSWORD = "in the room";
    private static final AtomicInteger ROOMS = new AtomicInteger();

    static Jid newRoom() {
        return Jid.of("room" + ROOMS.incrementAndGet() + "-" + ProcessHandle.current().pid(), LocalServer.MUC_DOMAIN,
                null);
    }

    /** The bodies of the groupchat messages a client's handlers receive. */
    static BlockingQueue<String> groupchat(ClientXMPP client) {
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        client.addEventHandler("groupchat_message", data -> bodies.add(String.valueOf(((Message) data).getBody())));
        return bodies;
    }

    @Test
    void aBotRejoinsAfterItsConnectionIsCutAndHandlesWhatItMissedOnce(LocalProsody server) throws Exception {
        Jid room = newRoom();
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP user = Clients.connected(server, Clients.newUser(server, LocalServer.DOMAIN, PASSWORD), PASSWORD);
        try (FaultProxy proxy = FaultProxy.start(server.host(), server.c2sPort())) {
            ClientXMPP bot = new ClientXMPP(Clients.config(server, botJid, PASSWORD)
                    .host(proxy.host(), proxy.port())
                    .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(200), Duration.ofSeconds(1)))
                    .streamManagement(StreamManagementConfig.DISABLED) // a new session, not a resumed one
                    .build());
            MultiUserChat botMuc = new MultiUserChat();
            bot.registerPlugin(botMuc);
            BlockingQueue<String> atBot = groupchat(bot);
            BlockingQueue<Object> joins = new LinkedBlockingQueue<>();
            bot.addEventHandler(MultiUserChat.EVENT_JOINED, joins::add);
            botMuc.join(room, JoinOptions.nick("bot").withHistory(History.NONE));
            bot.connect().get(15, TimeUnit.SECONDS);
            assertThat(joins.poll(15, TimeUnit.SECONDS)).isNotNull();

            MultiUserChat userMuc = new MultiUserChat();
            user.registerPlugin(userMuc);
            userMuc.join(room, JoinOptions.nick("user").withHistory(History.NONE)).get(15, TimeUnit.SECONDS);
            userMuc.sendMessage(room, "before the cut");
            assertThat(atBot.poll(10, TimeUnit.SECONDS)).isEqualTo("before the cut");

            proxy.down();
            proxy.cut();
            Room userRoom = userMuc.room(room);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> userRoom.occupant("bot") == null);
            userMuc.sendMessage(room, "while the bot was away");
            Thread.sleep(1_100); // the room's history stamps have a resolution of a second
            proxy.up();

            assertThat(joins.poll(30, TimeUnit.SECONDS)).as("rejoined after the new session").isNotNull();
            assertThat(atBot.poll(10, TimeUnit.SECONDS)).isEqualTo("while the bot was away");
            userMuc.sendMessage(room, "after the rejoin");
            assertThat(atBot.poll(10, TimeUnit.SECONDS)).as("nothing handled twice").isEqualTo("after the rejoin");
            assertThat(botMuc.room(room).nick()).isEqualTo("bot");
            Clients.close(bot);
        } finally {
            Clients.close(user);
        }
    }

    @Test
    void prosodyAnswersASelfPingAsJoinedAndRefusesOneFromAStranger(LocalProsody server) throws Exception {
        Jid room = newRoom();
        ClientXMPP bot = Clients.connected(server, Clients.newUser(server, LocalServer.DOMAIN, PASSWORD), PASSWORD);
        ClientXMPP stranger = Clients.connected(server, Clients.newUser(server, LocalServer.DOMAIN, PASSWORD),
                PASSWORD);
        try {
            MultiUserChat muc = new MultiUserChat();
            MucSelfPing selfPing = new MucSelfPing(SelfPingConfig.DEFAULT.withInterval(null));
            bot.registerPlugin(muc).registerPlugin(selfPing);
            BlockingQueue<Object> notJoined = new LinkedBlockingQueue<>();
            bot.addEventHandler(MucSelfPing.EVENT_NOT_JOINED, notJoined::add);
            muc.join(room, JoinOptions.nick("bot").withHistory(History.NONE)).get(15, TimeUnit.SECONDS);

            selfPing.pingJoinedRooms();
            assertThat(notJoined.poll(2, TimeUnit.SECONDS)).as("still joined").isNull();
            assertThat(muc.room(room).isJoined()).isTrue();

            // What a self-ping finds when the room has forgotten us: the same ping from a non-occupant.
            Iq ping = stranger.makeIq(Iq.Type.GET, room.withResource("bot"));
            ping.setPayload(new XmlElement("ping", "urn:xmpp:ping"));
            assertThatThrownBy(() -> ping.send().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(StanzaErrorException.class)
                    .satisfies(e -> assertThat(((StanzaErrorException) e).condition())
                            .isEqualTo(StanzaError.Condition.NOT_ACCEPTABLE));
        } finally {
            Clients.close(bot);
            Clients.close(stranger);
        }
    }
}
