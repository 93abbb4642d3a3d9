package org.xmppboot.spring.localserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.spring.autoconfigure.InvalidXmppPropertyException;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.spring.autoconfigure.XmppConnectionDetails;
import org.xmppboot.test.LocalServer;

/** The local server as a development service: its details replace the properties', with the account made first. */
class XmppLocalServerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppLocalServerAutoConfiguration.class,
                    XmppAutoConfiguration.class, SslAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false");

    @Test
    void offUnlessEnabled() {
        runner.withPropertyValues("xmpp.jid=bot@example.org", "xmpp.password=x").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LocalServer.class)
                    .doesNotHaveBean(LocalServerConnectionDetails.class).hasSingleBean(XmppConnectionDetails.class);
            assertThat(context.getBean(ClientXMPP.class).clientConfig().host()).isNull();
        });
    }

    @Test
    void theAccountExistsBeforeTheConnectionConnectsAndTheConnectionGoesToTheServer() {
        runner.withPropertyValues("xmpp.local-server.enabled=true", "xmpp.jid=devbot@localhost",
                "xmpp.password=dev-password", "xmpp.resource=desk").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(LocalServer.class)
                            .hasSingleBean(XmppConnectionDetails.class)
                            .hasSingleBean(LocalServerConnectionDetails.class);
                    LocalServer server = context.getBean(LocalServer.class);
                    ClientXMPP bot = context.getBean(ClientXMPP.class);
                    assertThat(bot.clientConfig().jid()).hasToString("devbot@localhost/desk");
                    assertThat(bot.clientConfig().host()).isEqualTo(server.host());
                    assertThat(bot.clientConfig().port()).isEqualTo(server.c2sPort());
                    assertThat(context.getBean(XmppConnectionDetails.class).toString())
                            .doesNotContain("dev-password");

                    assertThat(bot.isConnected()).as("xmpp.auto-startup=false").isFalse();
                    ClientXMPP other = new ClientXMPP(server.clientConfig(Jid.of("devbot@localhost"),
                            "dev-password").build());
                    try {
                        assertThat(other.connect().get(15, TimeUnit.SECONDS).bare())
                                .as("the account was created with the details").hasToString("devbot@localhost");
                    } finally {
                        other.disconnect().get(15, TimeUnit.SECONDS);
                    }
                    try {
                        assertThat(bot.connect().get(15, TimeUnit.SECONDS)).as("trusting the server's certificate")
                                .hasToString("devbot@localhost/desk");
                    } finally {
                        bot.disconnect().get(15, TimeUnit.SECONDS);
                    }
                });
    }

    @Test
    void aPersonGetsAnAccountAndTheClientPortAskedForWhenItIsFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        runner.withPropertyValues("xmpp.local-server.enabled=true", "xmpp.jid=devbot@localhost",
                "xmpp.password=dev-password", "xmpp.local-server.port=" + port, "xmpp.local-server.user=alice",
                "xmpp.local-server.user-password=alice-password").run(context -> {
                    LocalServer server = context.getBean(LocalServer.class);
                    assertThat(server.c2sPort()).isEqualTo(port);
                    assertThat(context.getBean(LocalServerGuide.class).user()).hasToString("alice@localhost");
                    ClientXMPP person = new ClientXMPP(server.clientConfig(Jid.of("alice@localhost"),
                            "alice-password").build());
                    try {
                        assertThat(person.connect().get(15, TimeUnit.SECONDS).bare()).hasToString("alice@localhost");
                    } finally {
                        person.disconnect().get(15, TimeUnit.SECONDS);
                    }
                });
    }

    @Test
    void aTakenClientPortGivesAnotherOneAndNoUserMeansNoAccount() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            runner.withPropertyValues("xmpp.local-server.enabled=true", "xmpp.jid=devbot@localhost",
                    "xmpp.password=dev-password", "xmpp.local-server.port=" + taken.getLocalPort(),
                    "xmpp.local-server.user=").run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(LocalServer.class).c2sPort()).isNotEqualTo(taken.getLocalPort());
                        assertThat(context.getBean(LocalServerGuide.class).user()).isNull();
                    });
        }
    }

    @Test
    void aJidTheServerDoesNotHostFailsStartupNamingTheProperty() {
        runner.withPropertyValues("xmpp.local-server.enabled=true", "xmpp.jid=bot@example.org",
                "xmpp.password=x").run(context -> {
                    assertThat(context).hasFailed();
                    InvalidXmppPropertyException cause = null;
                    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                        if (t instanceof InvalidXmppPropertyException e) {
                            cause = e;
                        }
                    }
                    assertThat(cause).isNotNull();
                    assertThat(cause.property()).isEqualTo("xmpp.jid");
                    assertThat(cause.getMessage()).contains("only hosts 'localhost'");
                });
    }

    @Test
    void aComponentTakesTheServersComponentSlot() {
        runner.withPropertyValues("xmpp.local-server.enabled=true", "xmpp.mode=component").run(context -> {
            LocalServer server = context.getBean(LocalServer.class);
            ComponentXMPP component = context.getBean(ComponentXMPP.class);
            assertThat(component.componentConfig().domain()).hasToString(LocalServer.COMPONENT_DOMAIN);
            assertThat(component.componentConfig().port()).isEqualTo(server.componentPort());
            try {
                assertThat(component.connect().get(15, TimeUnit.SECONDS)).hasToString(LocalServer.COMPONENT_DOMAIN);
            } finally {
                component.disconnect().get(15, TimeUnit.SECONDS);
            }
        });
    }

    @Test
    void theLocalServerPropertiesHaveIdeMetadata() throws Exception {
        List<String> metadata = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                metadata.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(metadata).anySatisfy(json -> assertThat(json)
                .contains("\"name\": \"xmpp.local-server.enabled\"")
                .contains("\"name\": \"xmpp.local-server.server\"")
                .contains("Whether to start a throwaway local server"));
    }
}
