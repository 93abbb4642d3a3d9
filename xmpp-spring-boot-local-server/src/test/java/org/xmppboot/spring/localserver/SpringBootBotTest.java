package org.xmppboot.spring.localserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;


import io.micrometer.core.instrument.MeterRegistry;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.plugins.xep0199.Ping;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppEvent;
import org.xmppboot.spring.health.XmppHealthIndicator;
import org.xmppboot.test.LocalServer;
import org.xmppboot.test.NoDelaySocketFactory;

/**
 * A bot built from annotations, in a real Spring Boot application, against a real Prosody (the local server
 * support starts it), talking to Smack. The test starts and stops the application itself: shutting it down
 * is part of what is tested.
 */
class SpringBootBotTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BotApplication {
        @Bean
        EchoBot echoBot() {
            return new EchoBot();
        }

        @Bean
        CountingPlugin countingPlugin() {
            return new CountingPlugin();
        }
    }

    /** A plugin bean: registered on the connection and initialised before it connects. */
    static class CountingPlugin implements XmppPlugin {
        volatile PluginContext initialisedWith;

        @Override
        public String name() {
            return "test_counting";
        }

        @Override
        public void init(PluginContext context) {
            initialisedWith = context;
        }
    }

    static class EchoBot {
        final List<String> threadedOn = new CopyOnWriteArrayList<>();
        final BlockingQueue<Jid> started = new LinkedBlockingQueue<>();

        @StanzaHandler("message@type=chat/body")
        String echo(Message message) {
            return "echo: " + message.getBody();
        }

        @XmppEvent(value = "message", threaded = true)
        void seen(Message message) {
            threadedOn.add(Thread.currentThread().getName());
        }

        @XmppEvent("session_start")
        void sessionStarted(Jid jid) {
            started.add(jid);
        }
    }


    @ParameterizedTest
    @EnumSource(XmppLocalServerProperties.Server.class)
    void theAnnotatedBotAnswersSmackCountsWhatItHandledAndReportsItsHealth(XmppLocalServerProperties.Server kind)
            throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BotApplication.class)
                .properties("xmpp.jid=springbot@localhost", "xmpp.password=bot-password",
                        "xmpp.local-server.enabled=true", "xmpp.local-server.server=" + kind,
                        "xmpp.reconnect.enabled=false", "xmpp.plugins=xep_0199")
                .run();
        try {
            LocalServer server = context.getBean(LocalServer.class);
            assertThat(server.name()).isEqualToIgnoringCase(kind.name());
            ClientXMPP xmpp = context.getBean(ClientXMPP.class);
            EchoBot bot = context.getBean(EchoBot.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            XmppHealthIndicator health = context.getBean(XmppHealthIndicator.class);

            Jid bound = xmpp.sessionFuture().get(20, TimeUnit.SECONDS);
            assertThat(bot.started.poll(5, TimeUnit.SECONDS)).isEqualTo(bound);
            Health up = health.health();
            assertThat(up.getStatus().getCode()).isEqualTo("UP");
            assertThat(up.getDetails()).containsEntry("jid", "springbot@localhost").containsEntry("tls", true)
                    .containsKeys("server", "connectedSince");
            assertThat(up.getDetails().get("saslMechanism")).as("the accounts are stored as SCRAM-SHA-1 hashes")
                    .asString().startsWith("SCRAM-SHA-1");
            assertThat(up.getDetails().values()).noneMatch(v -> String.valueOf(v).contains("bot-password"));

            Jid peer = server.createUser("smackpeer", "peer-password");
            XMPPTCPConnection smack = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(LocalServer.DOMAIN).setHost(server.host()).setPort(server.c2sPort())
                    .setUsernameAndPassword(peer.local(), "peer-password").setResource("smack")
                    .setCustomX509TrustManager(server.trustManager())
                    .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                    .setSocketFactory(new NoDelaySocketFactory()).build());
            smack.connect().login();
            try {
                BlockingQueue<String> replies = new LinkedBlockingQueue<>();
                smack.addSyncStanzaListener(s -> replies.add(((org.jivesoftware.smack.packet.Message) s).getBody()),
                        MessageTypeFilter.CHAT);
                for (int i = 1; i <= 3; i++) {
                    smack.sendStanza(smack.getStanzaFactory().buildMessageStanza().to(JidCreate.from(bound.toString()))
                            .ofType(org.jivesoftware.smack.packet.Message.Type.chat).setBody("hello " + i).build());
                }
                for (int i = 1; i <= 3; i++) {
                    assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: hello " + i);
                }
            } finally {
                smack.disconnect();
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> bot.threadedOn.size() == 3);
            assertThat(bot.threadedOn).as("threaded handlers run on Spring Boot's applicationTaskExecutor")
                    .allMatch(name -> name.startsWith("task-"));
            assertThat(context.getBean(CountingPlugin.class).initialisedWith.unwrap(BaseXMPP.class)).isSameAs(xmpp);
            assertThat(xmpp.plugin(Ping.class).ping(Jid.of(LocalServer.DOMAIN), Duration.ofSeconds(5))
                    .get(10, TimeUnit.SECONDS)).as("xmpp.plugins=xep_0199").isPositive();
            assertThat(xmpp.plugin("test_counting")).isSameAs(context.getBean(CountingPlugin.class));

            assertThat(meters.get("xmpp.handler.duration").tag("handler", "echoBot.echo").tag("outcome", "success")
                    .timer().count()).isEqualTo(3);
            assertThat(meters.get("xmpp.stanzas").tag("direction", "in").tag("kind", "message").counter().count())
                    .isEqualTo(3);
            assertThat(meters.get("xmpp.stanzas").tag("direction", "out").tag("kind", "message").counter().count())
                    .isEqualTo(3);
            assertThat(meters.get("xmpp.events.dispatched").tag("kind", "stanza").tag("name", "echoBot.echo")
                    .counter().count()).isEqualTo(3);
            assertThat(meters.get("xmpp.event.queue.size").gauge().value()).isZero();

            server.close();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> health.health().getStatus().getCode().equals("DOWN"));
            String prefix = xmpp.config().name() + "-";
            context.close();
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.isAlive()
                    && t.getName().startsWith(prefix)).as("XMPP threads after shutdown").isEmpty();
        } finally {
            context.close();
        }
    }
}
