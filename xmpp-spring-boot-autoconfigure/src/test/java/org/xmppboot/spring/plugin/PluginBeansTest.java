package org.xmppboot.spring.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0085.ChatStates;
import org.xmppboot.plugins.xep0115.CapsConfig;
import org.xmppboot.plugins.xep0115.EntityCaps;
import org.xmppboot.plugins.xep0184.DeliveryReceipts;
import org.xmppboot.plugins.xep0184.ReceiptsConfig;
import org.xmppboot.plugins.xep0199.Ping;
import org.xmppboot.plugins.xep0199.PingConfig;
import org.xmppboot.plugins.xep0249.DirectInvitations;
import org.xmppboot.plugins.xep0308.MessageCorrection;
import org.xmppboot.plugins.xep0333.ChatMarkers;
import org.xmppboot.plugins.xep0363.HttpUpload;
import org.xmppboot.plugins.xep0363.HttpUploadConfig;
import org.xmppboot.plugins.xep0444.MessageReactions;
import org.xmppboot.spring.annotation.XmppEvent;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.test.StreamTester;
import org.xmppboot.xml.XmlElement;

/**
 * A plugin an application writes as a bean has the powers of a built-in one: it is registered by itself, its
 * dependencies are loaded by name, it answers requests, announces a feature, takes settings from its own
 * properties, and raises events that {@code @XmppEvent} methods receive. Built-in plugins take theirs from
 * {@code xmpp.plugin.*}.
 */
class PluginBeansTest {

    static final String NS = "urn:example:weather";

    @ConfigurationProperties("weather")
    static class WeatherProperties {
        private String forecast = "rain";

        public String getForecast() {
            return forecast;
        }

        public void setForecast(String forecast) {
            this.forecast = forecast;
        }
    }

    /** Written as any user would: a bean, a dependency by name, an iq it answers, an event it raises. */
    static class WeatherPlugin extends BasePlugin {
        private final WeatherProperties properties;

        WeatherPlugin(WeatherProperties properties) {
            super("weather", ServiceDiscovery.NAME);
            this.properties = properties;
        }

        @Override
        protected void start(PluginContext context) {
            require(ServiceDiscovery.class).addFeature(NS);
            context.registerIqHandler("weather:get", IqRoute.get(NS, "forecast"), request -> {
                context.event("weather_asked", request.getFrom());
                return new XmlElement("forecast", NS).addText(properties.getForecast());
            });
        }
    }

    static class WeatherWatcher {
        final BlockingQueue<Jid> askedBy = new LinkedBlockingQueue<>();

        @XmppEvent("weather_asked")
        void asked(Jid who) {
            askedBy.add(who);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WeatherProperties.class)
    static class WeatherApplication {
        @Bean(destroyMethod = "close")
        StreamTester tester() {
            return StreamTester.client("bot@example.com/test");
        }

        @Bean
        ClientXMPP xmppConnection(StreamTester tester) {
            return tester.client();
        }

        @Bean
        WeatherPlugin weatherPlugin(WeatherProperties properties) {
            return new WeatherPlugin(properties);
        }

        @Bean
        WeatherWatcher weatherWatcher() {
            return new WeatherWatcher();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false", "xmpp.plugins=")
            .withUserConfiguration(WeatherApplication.class);

    @Test
    void aUserPluginBeanAnswersAnnouncesAndRaisesEventsForXmppEventMethods() {
        runner.withPropertyValues("weather.forecast=sunny").run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            ClientXMPP xmpp = context.getBean(ClientXMPP.class);
            assertThat(xmpp.plugin(WeatherPlugin.class)).isSameAs(context.getBean(WeatherPlugin.class));
            assertThat(xmpp.plugin(ServiceDiscovery.class)).as("the dependency, loaded by name").isNotNull();

            t.recv("<iq type='get' id='w1' from='a@example.com/x'><forecast xmlns='" + NS + "'/></iq>");
            t.expectSent("<iq type='result' id='w1' to='a@example.com/x'><forecast xmlns='" + NS
                    + "'>sunny</forecast></iq>");
            assertThat(context.getBean(WeatherWatcher.class).askedBy.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(Jid.of("a@example.com/x"));

            t.recv("<iq type='get' id='d1' from='a@example.com/x'><query xmlns='" + ServiceDiscovery.INFO
                    + "'/></iq>");
            XmlElement info = t.nextSent().element("query", ServiceDiscovery.INFO);
            assertThat(info.elements("feature", ServiceDiscovery.INFO)).extracting(f -> f.attribute("var"))
                    .contains(NS);
        });
    }

    @Test
    void builtInPluginsTakeTheirSettingsFromXmppPluginProperties() {
        runner.withPropertyValues("xmpp.plugins=xep_0092", "xmpp.plugin.xep_0092.name=Weatherbot",
                "xmpp.plugin.xep_0092.version=2.0").run(context -> {
                    StreamTester t = context.getBean(StreamTester.class);
                    t.recv("<iq type='get' id='v1' from='a@example.com/x'><query xmlns='jabber:iq:version'/></iq>");
                    t.expectSent("<iq type='result' id='v1' to='a@example.com/x'><query xmlns='jabber:iq:version'>"
                            + "<name>Weatherbot</name><version>2.0</version></query></iq>");
                });
    }

    @Test
    void theSoftwareNameDefaultsToTheApplicationName() {
        runner.withPropertyValues("xmpp.plugins=xep_0092", "spring.application.name=forecaster").run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<iq type='get' id='v2' from='a@example.com/x'><query xmlns='jabber:iq:version'/></iq>");
            t.expectSent("<iq type='result' id='v2' to='a@example.com/x'><query xmlns='jabber:iq:version'>"
                    + "<name>forecaster</name><version>0.1.0</version></query></iq>");
        });
    }

    @Test
    void aPluginBeanConfiguredInJavaIsNotOverwrittenByPropertyDefaults() {
        PingConfig javaConfig = PingConfig.DEFAULT.withKeepalive(Duration.ofMinutes(3));
        runner.withBean(Ping.class, () -> new Ping(javaConfig))
                .withPropertyValues("xmpp.plugin.xep0199.keepalive-timeout=5s").run(context -> {
                    assertThat(context.getBean(ClientXMPP.class).plugin(Ping.class).config()).isEqualTo(javaConfig);
                });
    }

    @Test
    void aPluginLoadedByNameTakesItsPropertiesEvenAsADependency() {
        runner.withPropertyValues("xmpp.plugins=xep_0199", "xmpp.plugin.xep-0199.keepalive-interval=90s")
                .run(context -> assertThat(context.getBean(ClientXMPP.class).plugin(Ping.class).config())
                        .isEqualTo(new PingConfig(Duration.ofSeconds(90), Duration.ofSeconds(20))));
    }

    @Test
    void receiptsChatStatesMarkersAndCapsTakeTheirProperties() {
        runner.withPropertyValues("xmpp.plugins=xep_0184,xep_0085,xep_0333,xep_0115",
                "xmpp.plugin.xep_0184.auto-ack=false", "xmpp.plugin.xep_0184.ack-to=presence-subscribers",
                "xmpp.plugin.xep_0184.timeout=5s", "xmpp.plugin.xep_0085.active-in-messages=false",
                "xmpp.plugin.xep_0333.mark-outgoing=true", "xmpp.plugin.xep_0115.node=https://example.org/bot")
                .run(context -> {
                    ClientXMPP xmpp = context.getBean(ClientXMPP.class);
                    assertThat(xmpp.plugin(DeliveryReceipts.class).config()).isEqualTo(ReceiptsConfig.DEFAULT
                            .withAutoAck(false, ReceiptsConfig.AckTo.PRESENCE_SUBSCRIBERS)
                            .withTimeout(Duration.ofSeconds(5)));
                    assertThat(xmpp.plugin(ChatStates.class).config().activeInMessages()).isFalse();
                    assertThat(xmpp.plugin(ChatMarkers.class).config().markOutgoing()).isTrue();
                    assertThat(xmpp.plugin(EntityCaps.class).config())
                            .isEqualTo(CapsConfig.DEFAULT.withNode("https://example.org/bot"));
                });
    }

    @Test
    void invitationsCorrectionsReactionsAndUploadTakeTheirProperties() {
        runner.withPropertyValues("xmpp.plugins=xep_0249,xep_0308,xep_0444,xep_0363",
                "xmpp.plugin.xep_0249.auto-join=true", "xmpp.plugin.xep_0308.remembered=10",
                "xmpp.plugin.xep_0444.remembered=20", "xmpp.plugin.xep_0363.service=upload.example.com",
                "xmpp.plugin.xep_0363.http-timeout=30s").run(context -> {
                    ClientXMPP xmpp = context.getBean(ClientXMPP.class);
                    assertThat(xmpp.plugin(DirectInvitations.class).config().autoJoin()).isTrue();
                    assertThat(xmpp.plugin(MessageCorrection.class).config().remembered()).isEqualTo(10);
                    assertThat(xmpp.plugin(MessageReactions.class).config().remembered()).isEqualTo(20);
                    assertThat(xmpp.plugin(HttpUpload.class).config())
                            .isEqualTo(new HttpUploadConfig(Jid.of("upload.example.com"), Duration.ofSeconds(30)));
                });
    }
}
