package org.xmppboot.spring.localserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0045.History;
import org.xmppboot.plugins.xep0045.JoinOptions;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0045.Room;
import org.xmppboot.spring.annotation.XmppEvent;
import org.xmppboot.stanza.Message;
import org.xmppboot.test.LocalServer;

/** A Spring Boot bot in the room of {@code xmpp.muc.rooms}, against the local Prosody. */
class SpringMucBotTest {

    private static final Jid ROOM = Jid.of("springroom", LocalServer.MUC_DOMAIN, null);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class RoomBotApplication {
        @Bean
        RoomBot roomBot() {
            return new RoomBot();
        }
    }

    static class RoomBot {
        final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

        @XmppEvent("groupchat_message")
        void heard(Message message) {
            heard.add(String.valueOf(message.getBody()));
        }
    }

    @Test
    void theBotIsInItsConfiguredRoomAndHearsIt() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RoomBotApplication.class)
                .properties("xmpp.jid=roombot@localhost", "xmpp.password=bot-password",
                        "xmpp.local-server.enabled=true", "xmpp.reconnect.enabled=false",
                        "xmpp.muc.rooms[0].jid=" + ROOM)
                .run();
        ClientXMPP peer = null;
        try {
            LocalServer server = context.getBean(LocalServer.class);
            MultiUserChat botMuc = context.getBean(MultiUserChat.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> botMuc.room(ROOM) != null
                    && botMuc.room(ROOM).isJoined());
            assertThat(botMuc.room(ROOM).nick()).isEqualTo("roombot");

            peer = new ClientXMPP(server.clientConfig(server.createUser("roompeer", "peer-password"),
                    "peer-password").build());
            MultiUserChat peerMuc = new MultiUserChat();
            peer.registerPlugin(peerMuc);
            peer.connect().get(15, TimeUnit.SECONDS);
            Room room = peerMuc.join(ROOM, JoinOptions.nick("peer").withHistory(History.NONE))
                    .get(15, TimeUnit.SECONDS);
            assertThat(room.occupant("roombot")).isNotNull();
            peerMuc.sendMessage(ROOM, "roombot: are you there?");
            RoomBot bot = context.getBean(RoomBot.class);
            assertThat(bot.heard.poll(10, TimeUnit.SECONDS)).isEqualTo("roombot: are you there?");
        } finally {
            if (peer != null) {
                peer.disconnect().get(15, TimeUnit.SECONDS);
            }
            context.close();
        }
    }
}
