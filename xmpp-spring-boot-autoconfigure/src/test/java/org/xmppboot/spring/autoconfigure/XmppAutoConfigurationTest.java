package org.xmppboot.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.client.TlsMode;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.roster.Roster;
import org.xmppboot.roster.SubscriptionPolicy;
import org.xmppboot.sm.StreamManagementConfig;
import org.xmppboot.spring.health.XmppHealthIndicator;
import org.xmppboot.spring.listener.XmppHandlerEndpointRegistry;
import org.xmppboot.spring.metrics.MicrometerStreamObserver;
import org.xmppboot.stream.StreamConfig;

class XmppAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class, XmppMetricsAutoConfiguration.class,
                    XmppHealthAutoConfiguration.class, XmppSanitizingAutoConfiguration.class,
                    XmppRosterAutoConfiguration.class,
                    SslAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false");

    @Test
    void clientModeByDefault() {
        runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=s3cret", "xmpp.host=xmpp.example.org",
                "xmpp.port=5223", "xmpp.tls.mode=direct", "xmpp.resource=worker", "xmpp.event-queue.capacity=500",
                "xmpp.sasl.mechanisms=SCRAM-SHA-256, SCRAM-SHA-1", "xmpp.sasl.retry-without-channel-binding=false")
                .run(context -> {
                    assertThat(context).hasSingleBean(ClientXMPP.class).hasSingleBean(XmppConnectionLifecycle.class)
                            .hasSingleBean(XmppHandlerEndpointRegistry.class).doesNotHaveBean(ComponentXMPP.class);
                    ClientXMPP client = context.getBean(ClientXMPP.class);
                    assertThat(client.clientConfig().jid()).hasToString("bot@example.org/worker");
                    assertThat(client.clientConfig().host()).isEqualTo("xmpp.example.org");
                    assertThat(client.clientConfig().port()).isEqualTo(5223);
                    assertThat(client.clientConfig().tls()).isEqualTo(TlsMode.DIRECT);
                    assertThat(client.config().eventQueueCapacity()).isEqualTo(500);
                    assertThat(client.clientConfig().mechanisms()).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1");
                    assertThat(client.clientConfig().retryWithoutChannelBinding()).isFalse();
                    assertThat(client.isConnected()).as("auto-startup=false").isFalse();
                });
    }

    @Test
    void recoverySettingsReachClientsAndComponents() {
        String[] recovery = {"xmpp.reconnect.initial-delay=250ms", "xmpp.reconnect.max-delay=10s",
            "xmpp.reconnect.max-attempts=7", "xmpp.connect-timeout=3s", "xmpp.negotiation-timeout=12s",
            "xmpp.outbound.max-queued=42", "xmpp.stream-management.ack-every=4",
            "xmpp.stream-management.ack-interval=2s", "xmpp.stream-management.max-resumption=90s"};
        runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x").withPropertyValues(recovery)
                .run(context -> {
                    ClientXMPP client = context.getBean(ClientXMPP.class);
                    assertThat(client.clientConfig().reconnect()).isEqualTo(new ReconnectPolicy(true,
                            Duration.ofMillis(250), Duration.ofSeconds(10), 7));
                    assertThat(client.clientConfig().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(client.config().negotiationTimeout()).isEqualTo(Duration.ofSeconds(12));
                    assertThat(client.config().maxQueuedOutbound()).isEqualTo(42);
                    assertThat(client.clientConfig().streamManagement()).isEqualTo(new StreamManagementConfig(true, 4,
                            Duration.ofSeconds(2), Duration.ofSeconds(90), 5_000));
                });
        runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=bot.example.org",
                "xmpp.component.secret=shh").withPropertyValues(recovery)
                .run(context -> {
                    ComponentConfig config = context.getBean(ComponentXMPP.class).componentConfig();
                    assertThat(config.reconnect().maxAttempts()).isEqualTo(7);
                    assertThat(config.stream().negotiationTimeout()).isEqualTo(Duration.ofSeconds(12));
                });
    }

    @Test
    void componentMode() {
        runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=bot.example.org",
                "xmpp.component.secret=shh", "xmpp.component.port=5275")
                .run(context -> {
                    assertThat(context).hasSingleBean(ComponentXMPP.class).doesNotHaveBean(ClientXMPP.class);
                    assertThat(context.getBean(ComponentXMPP.class).componentConfig().port()).isEqualTo(5275);
                });
    }

    @Test
    void aComponentIsNamedAsAReplicaAndLeavesTheServerWhenStalled() {
        ApplicationContextRunner component = runner.withPropertyValues("xmpp.mode=component",
                "xmpp.component.domain=bot.example.org", "xmpp.component.secret=shh");
        component.run(context -> {
            ComponentXMPP xmpp = context.getBean(ComponentXMPP.class);
            assertThat(xmpp.componentConfig().replicaId()).isEqualTo(ComponentConfig.defaultReplicaId())
                    .endsWith("-" + ProcessHandle.current().pid());
            assertThat(xmpp.config().stallTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(context.getBean(XmppHealthIndicator.class).health().getDetails())
                    .containsEntry("replica", ComponentConfig.defaultReplicaId());
        });
        component.withUserConfiguration(Registry.class)
                .withPropertyValues("xmpp.component.replica-id=bot-2", "xmpp.event-queue.stall-timeout=3s")
                .run(context -> {
                    ComponentXMPP xmpp = context.getBean(ComponentXMPP.class);
                    assertThat(xmpp.componentConfig().replicaId()).isEqualTo("bot-2");
                    assertThat(xmpp.config().stallTimeout()).isEqualTo(Duration.ofSeconds(3));
                    MeterRegistry tagged = new SimpleMeterRegistry();
                    tagged.config().meterFilter(context.getBean("xmppReplicaMeterFilter", MeterFilter.class));
                    assertThat(tagged.counter("xmpp.reconnects").getId().getTag("replica")).isEqualTo("bot-2");
                    assertThat(tagged.counter("jvm.other").getId().getTag("replica")).isNull();
                });
        runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x").withUserConfiguration(Registry.class)
                .run(context -> {
                    assertThat(context.getBean(ClientXMPP.class).config().stallTimeout()).as("off for a client")
                            .isZero();
                    assertThat(context).doesNotHaveBean("xmppReplicaMeterFilter");
                });
    }

    @Test
    void aClientKeepsItsRosterAndAnswersSubscriptionsAsConfigured() {
        runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x").run(context -> {
            assertThat(context).hasSingleBean(Roster.class);
            assertThat(context.getBean(Roster.class).policy()).isSameAs(SubscriptionPolicy.ACCEPT_ALL);
        });
        runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.roster.subscription-policy=manual")
                .run(context -> assertThat(context.getBean(Roster.class).policy()).isSameAs(SubscriptionPolicy.MANUAL));
        runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x", "xmpp.roster.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Roster.class));
        runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=bot.example.org",
                "xmpp.component.secret=shh").run(context -> assertThat(context).doesNotHaveBean(Roster.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnConnection {
        @Bean
        BaseXMPP myConnection() {
            return new BaseXMPP("jabber:client", StreamConfig.defaults().withName("mine"));
        }
    }

    @Test
    void backsOffForTheApplicationsOwnConnection() {
        runner.withUserConfiguration(OwnConnection.class).run(context -> {
            assertThat(context).hasSingleBean(BaseXMPP.class).doesNotHaveBean(ClientXMPP.class);
            assertThat(context.getBean(BaseXMPP.class).config().name()).isEqualTo("mine");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizer {
        @Bean
        XmppConnectionCustomizer customizer() {
            return connection -> connection.addEventHandler("custom", data -> { });
        }
    }

    @Test
    void customizersAreApplied() {
        runner.withUserConfiguration(Customizer.class)
                .withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x")
                .run(context -> assertThat(context.getBean(ClientXMPP.class).eventHandlerCount("custom")).isOne());
    }

    @Test
    void theConnectionDetailsComeFromThePropertiesUnlessTheApplicationHasItsOwn() {
        runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=hunter2", "xmpp.host=h.example.org",
                "xmpp.port=5333").run(context -> {
                    assertThat(context).hasSingleBean(XmppConnectionDetails.class)
                            .hasSingleBean(PropertiesXmppConnectionDetails.class);
                    XmppConnectionDetails details = context.getBean(XmppConnectionDetails.class);
                    assertThat(details.getClient().getJid()).hasToString("bot@example.org");
                    assertThat(details.getClient().getPassword()).isEqualTo("hunter2");
                    assertThat(details.getClient().getHost()).isEqualTo("h.example.org");
                    assertThat(details.getClient().getSslBundle()).isNull();
                    assertThat(details.toString()).doesNotContain("hunter2");
                    assertThat(details.getClient().toString()).doesNotContain("hunter2");
                });
        runner.withUserConfiguration(OwnDetails.class).withPropertyValues("xmpp.resource=r1").run(context -> {
            assertThat(context).hasSingleBean(XmppConnectionDetails.class)
                    .doesNotHaveBean(PropertiesXmppConnectionDetails.class);
            ClientXMPP client = context.getBean(ClientXMPP.class);
            assertThat(client.clientConfig().jid()).as("no xmpp.jid needed").hasToString("own@example.net/r1");
            assertThat(client.clientConfig().host()).isEqualTo("own.example.net");
            assertThat(client.clientConfig().port()).isEqualTo(5999);
        });
        runner.withUserConfiguration(OwnDetails.class).withPropertyValues("xmpp.mode=component").run(context -> {
            ComponentXMPP component = context.getBean(ComponentXMPP.class);
            assertThat(component.componentConfig().port()).as("no xmpp.component.* needed").isEqualTo(5998);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDetails {
        @Bean
        XmppConnectionDetails ownDetails() {
            return new XmppConnectionDetails() {
                @Override
                public Client getClient() {
                    return new Client() {
                        @Override
                        public Jid getJid() {
                            return Jid.of("own@example.net");
                        }

                        @Override
                        public String getPassword() {
                            return "own-password";
                        }

                        @Override
                        public String getHost() {
                            return "own.example.net";
                        }

                        @Override
                        public int getPort() {
                            return 5999;
                        }
                    };
                }

                @Override
                public Component getComponent() {
                    return new Component() {
                        @Override
                        public Jid getDomain() {
                            return Jid.of("own.example.net");
                        }

                        @Override
                        public String getSecret() {
                            return "own-secret";
                        }

                        @Override
                        public String getHost() {
                            return "localhost";
                        }

                        @Override
                        public int getPort() {
                            return 5998;
                        }
                    };
                }
            };
        }
    }

    @Test
    void componentModeNeedsNoAccountAndClientModeNoComponent() {
        runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=bot.example.org",
                "xmpp.component.secret=shh").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void missingOrBadPropertiesFailStartupNamingTheProperty() {
        assertFailure(runner, "xmpp.jid", "is required in client mode");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@"), "xmpp.jid", "domainpart is empty");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org"), "xmpp.password", "is required");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x", "xmpp.port=70000"),
                "xmpp.port", "70000 is not a port");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.tls.bundle=missing"), "xmpp.tls.bundle", "no SSL bundle named 'missing'");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.event-queue.capacity=0"), "xmpp.event-queue.capacity", "leaves no room");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.sasl.mechanisms=SCRAM-SHA-256,DIGEST-MD5"), "xmpp.sasl.mechanisms",
                "'DIGEST-MD5' is not a supported SASL mechanism");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.resource=" + "r".repeat(1024)), "xmpp.resource", "the most is 1023");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=${XMPP_PASSWORD}"),
                "xmpp.password", "is the unresolved placeholder ${XMPP_PASSWORD}");
        assertFailure(runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=bot.example.org",
                "xmpp.component.secret=${BOT_SECRET}"), "xmpp.component.secret",
                "is the unresolved placeholder ${BOT_SECRET}");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.reconnect.max-attempts=-1"), "xmpp.reconnect.max-attempts", "-1 is negative");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.reconnect.initial-delay=2s", "xmpp.reconnect.max-delay=1s"), "xmpp.reconnect.max-delay",
                "is shorter than the initial delay");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.negotiation-timeout=0s"), "xmpp.negotiation-timeout", "must be positive");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.outbound.max-queued=0"), "xmpp.outbound.max-queued", "leaves no room");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.plugins=xep_0199,xep_0000"), "xmpp.plugins", "there is no plugin named 'xep_0000'");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.stream-management.ack-every=0"), "xmpp.stream-management.ack-every", "0 is less than 1");
        assertFailure(runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x",
                "xmpp.stream-management.max-resumption=500ms"), "xmpp.stream-management.max-resumption",
                "is under a second");
        assertFailure(runner.withPropertyValues("xmpp.mode=component"), "xmpp.component.domain", "is required");
        assertFailure(runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=a@bot.example.org",
                "xmpp.component.secret=x"), "xmpp.component.domain", "is not a bare domain");
        assertFailure(runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=bot.example.org",
                "xmpp.component.secret=x", "xmpp.component.port=0"), "xmpp.component.port", "0 is not a port");
        assertFailure(runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=bot.example.org"),
                "xmpp.component.secret", "is required");
    }

    @Test
    void anUnknownModeFailsStartupNamingThePropertyWhateverNeedsTheConnectionFirst() {
        // A bean that needs the connection before the properties are bound finds one that fails naming
        // xmpp.mode; otherwise binding fails on the property itself, listing the valid values.
        runner.withPropertyValues("xmpp.mode=server").withBean("early", Object.class,
                () -> new Object(), bd -> bd.setDependsOn("xmppUnknownMode")).run(context -> {
                    InvalidXmppPropertyException cause = findCause(context.getStartupFailure());
                    assertThat(cause).isNotNull();
                    assertThat(cause.property()).isEqualTo("xmpp.mode");
                    assertThat(cause.getMessage()).contains("'server' is not a connection mode");
                });
        runner.withPropertyValues("xmpp.mode=server").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("server");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("xmpp.mode");
        });
    }

    @Test
    void badReplicaAndShutdownSettingsFailStartUp() {
        ApplicationContextRunner component = runner.withPropertyValues("xmpp.mode=component",
                "xmpp.component.domain=bot.example.org", "xmpp.component.secret=shh");
        assertFailure(component.withPropertyValues("xmpp.component.replica-id= "), "xmpp.component.replica-id",
                "is blank");
        assertFailure(component.withPropertyValues("xmpp.event-queue.stall-timeout=-1s"),
                "xmpp.event-queue.stall-timeout", "is negative");
        assertFailure(component.withPropertyValues("xmpp.shutdown-timeout=-1s"), "xmpp.shutdown-timeout",
                "is negative");
    }

    private static void assertFailure(ApplicationContextRunner runner, String property, String problem) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            InvalidXmppPropertyException cause = findCause(failure);
            assertThat(cause).as("an InvalidXmppPropertyException in %s", failure).isNotNull();
            assertThat(cause.property()).isEqualTo(property);
            assertThat(cause.getMessage()).contains(problem);
            FailureAnalysis analysis = new XmppFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains(property).contains(problem);
            assertThat(analysis.getAction()).isNotBlank();
        });
    }

    private static InvalidXmppPropertyException findCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidXmppPropertyException e) {
                return e;
            }
        }
        return null;
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void metricsOnlyWithARegistry() {
        ApplicationContextRunner client = runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x");
        client.run(context -> assertThat(context).doesNotHaveBean(MicrometerStreamObserver.class));
        client.withUserConfiguration(Registry.class).run(context -> {
            assertThat(context).hasSingleBean(MicrometerStreamObserver.class);
            assertThat(context.getBean(ClientXMPP.class).observer())
                    .isSameAs(context.getBean(MicrometerStreamObserver.class));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (String gauge : new String[] {"xmpp.event.queue.size", "xmpp.outbound.queued", "xmpp.sm.unacked"}) {
                assertThat(registry.find(gauge).gauge()).as(gauge).isNotNull();
            }
            assertThat(registry.find("xmpp.sm.resent").functionCounter()).isNotNull();
        });
    }

    @Test
    void healthIndicatorCanBeSwitchedOff() {
        ApplicationContextRunner client = runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x");
        client.run(context -> {
            assertThat(context).hasSingleBean(XmppHealthIndicator.class);
            var health = context.getBean(XmppHealthIndicator.class).health();
            assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
            assertThat(health.getDetails()).containsEntry("state", "idle");
        });
        client.withPropertyValues("management.health.xmpp.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(XmppHealthIndicator.class));
    }

    @Test
    void secretsNeverShowEvenWhereValuesAreShown() {
        runner.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
                        ConfigurationPropertiesReportEndpointAutoConfiguration.class))
                .withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=hunter2",
                        "management.endpoint.configprops.show-values=always",
                        "management.endpoints.web.exposure.include=configprops")
                .run(context -> {
                    XmppProperties properties = context.getBean(XmppProperties.class);
                    assertThat(properties.toString()).doesNotContain("hunter2");
                    assertThat(context.getBean(ClientXMPP.class).clientConfig().toString()).doesNotContain("hunter2");
                    ConfigurationPropertiesReportEndpoint endpoint =
                            context.getBean(ConfigurationPropertiesReportEndpoint.class);
                    Map<String, ConfigurationPropertiesBeanDescriptor> beans = endpoint.configurationProperties()
                            .getContexts().values().iterator().next().getBeans();
                    Map<String, Object> xmpp = beans.values().stream()
                            .filter(b -> "xmpp".equals(b.getPrefix())).findFirst().orElseThrow().getProperties();
                    assertThat(xmpp.get("jid")).as("values are shown").isEqualTo("bot@example.org");
                    assertThat(xmpp.get("password")).isEqualTo("******");
                });
    }
}
