package org.xmppboot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.test.LocalServer;

/** The demo as a user runs it: its own local server, the visitor's "help", then a conversation. */
class DemoApplicationTest {

    @Test
    void answersHelpEchoTimeStatsAndUnknownCommands() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DemoApplication.class)
                .bannerMode(Banner.Mode.OFF).properties("server.port=0").run()) {
            assertThat(context.getBean(DemoVisitor.class).answer().get(30, TimeUnit.SECONDS))
                    .startsWith("Commands:").contains("echo <text>");

            LocalServer server = context.getBean(LocalServer.class);
            Jid me = server.createUser("tester", "tester-password");
            ClientXMPP client = new ClientXMPP(server.clientConfig(me, "tester-password").build());
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            client.addEventHandler("message", data -> replies.add(((Message) data).getBody()));
            client.connect().get(15, TimeUnit.SECONDS);
            try {
                Jid bot = Jid.of("demo-bot@localhost");
                client.sendMessage(bot, "echo hello there", Message.Type.CHAT);
                assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("hello there");
                client.sendMessage(bot, "time", Message.Type.CHAT);
                assertThat(replies.poll(10, TimeUnit.SECONDS)).startsWith("It is 20").endsWith("Z.");
                client.sendMessage(bot, "dance", Message.Type.CHAT);
                assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo(
                        "I don't know \"dance\". Say \"help\" for what I can do.");
                client.sendMessage(bot, "stats", Message.Type.CHAT);
                // help (visitor), echo, time, dance: four answered before "stats".
                assertThat(replies.poll(10, TimeUnit.SECONDS)).contains("Messages received: 5, sent: 4")
                        .contains("Commands answered before this one: 4");
            } finally {
                client.disconnect().get(15, TimeUnit.SECONDS);
            }
        }
    }
}
