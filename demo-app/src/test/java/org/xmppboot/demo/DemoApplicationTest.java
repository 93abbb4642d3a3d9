package org.xmppboot.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.xmppboot.ConnectionState;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0050.AdHocCommands;
import org.xmppboot.plugins.xep0050.RemoteCommand;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.test.LocalServer;
import org.xmppboot.xml.XmlElement;

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
            client.registerPlugin(new MultiUserChat()).registerPlugin(new AdHocCommands());
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            client.addEventHandler("message", data -> replies.add(((Message) data).getBody()));
            BlockingQueue<Message> roomMessages = new LinkedBlockingQueue<>();
            client.addEventHandler("groupchat_message", data -> roomMessages.add((Message) data));
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
                assertThat(replies.poll(10, TimeUnit.SECONDS)).containsPattern("Messages received: \\d+, sent: \\d+")
                        .contains("Commands answered before this one: 4");

                // A chart of the counts, uploaded through the server's service (XEP-0363) and linked.
                client.sendMessage(bot, "chart", Message.Type.CHAT);
                assertThat(replies.poll(10, TimeUnit.SECONDS)).startsWith("Drawing a chart");
                String link = replies.poll(15, TimeUnit.SECONDS);
                assertThat(link).as("the uploaded chart's URL").startsWith("http");
                HttpResponse<byte[]> chart = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(chart.statusCode()).isEqualTo(200);
                assertThat(chart.body()).as("a PNG").startsWith(0x89, 'P', 'N', 'G');

                // The room from the demo's properties: the bot answers there when addressed, and only then.
                Jid lobby = Jid.of("lobby@conference.localhost");
                client.plugin(MultiUserChat.class).join(lobby, "tester").get(15, TimeUnit.SECONDS);
                client.plugin(MultiUserChat.class).sendMessage(lobby, "no one in particular");
                client.plugin(MultiUserChat.class).sendMessage(lobby, "demo-bot: echo in the room");
                Message inRoom = roomMessages.poll(10, TimeUnit.SECONDS);
                assertThat(inRoom.getFrom()).isEqualTo(lobby.withResource("demo-bot"));
                assertThat(inRoom.getBody()).isEqualTo("in the room");

                // The ad-hoc command, as a client's "Execute command" would run it.
                Jid botSession = context.getBean(ClientXMPP.class).boundJid();
                RemoteCommand status = client.plugin(AdHocCommands.class).execute(botSession, "status")
                        .get(10, TimeUnit.SECONDS);
                assertThat(status.form().field("uptime").getValue()).startsWith("PT");
                Iq uptime = client.makeIq(Iq.Type.GET, botSession)
                        .setPayload(new XmlElement("uptime", UptimePlugin.NAMESPACE)).send().get(10, TimeUnit.SECONDS);
                assertThat(uptime.getPayload().name()).as("the demo's own plugin answers").isEqualTo("uptime");
                assertThat(uptime.getPayload().text()).startsWith("PT");
            } finally {
                client.disconnect().get(15, TimeUnit.SECONDS);
            }
            String port = context.getEnvironment().getProperty("local.server.port");
            assertDashboardMetricsExist(port);
            assertSurvivesAServerCrash(port, context.getBean(ClientXMPP.class));
        }
    }

    /** The demo's restart endpoint kills the server; the bot comes back by itself. */
    private static void assertSurvivesAServerCrash(String port, ClientXMPP bot) throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> restarted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/demo/server/restart"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(restarted.statusCode()).isEqualTo(200);
        assertThat(restarted.body()).startsWith("Prosody was killed and is back");
        await().atMost(Duration.ofSeconds(30)).until(() -> bot.connectionState().phase()
                == ConnectionState.Phase.ESTABLISHED && bot.connectionState().since().isAfter(before));
    }

    /** Every metric the Grafana dashboard queries is in the demo's Prometheus scrape. */
    private static void assertDashboardMetricsExist(String port) throws Exception {
        String dashboard = Files.readString(Path.of("../docs/grafana/xmpp-boot-dashboard.json"));
        Set<String> queried = new TreeSet<>();
        java.util.regex.Matcher m = Pattern.compile("\\bxmpp_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            queried.add(m.group());
        }
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(8);
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        Set<String> scraped = new TreeSet<>();
        for (String line : scrape.body().split("\n")) {
            if (line.startsWith("xmpp_")) {
                scraped.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertThat(scraped).as("what /actuator/prometheus exposes").containsAll(queried);
        assertThat(scrape.body()).as("the application label the dashboard filters on")
                .contains("application=\"xmpp-demo-bot\"");
    }
}
