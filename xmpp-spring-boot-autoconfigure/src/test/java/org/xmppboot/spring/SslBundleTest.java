package org.xmppboot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.test.LocalProsody;
import org.xmppboot.test.ProsodyTest;

/** Trust for a private server comes from a Spring Boot SSL bundle (PEM here), named by xmpp.tls.bundle. */
@ProsodyTest
class SslBundleTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void aPemBundleTrustsTheServer(LocalProsody server) throws Exception {
        Jid jid = server.createUser("bundled", "bundled-password");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("xmpp.jid=" + jid, "xmpp.password=bundled-password", "xmpp.host=" + server.host(),
                        "xmpp.port=" + server.c2sPort(), "xmpp.tls.bundle=local",
                        "spring.ssl.bundle.pem.local.truststore.certificate=file:" + server.certificate())
                .run()) {
            ClientXMPP client = context.getBean(ClientXMPP.class);
            assertThat(client.sessionFuture().get(15, TimeUnit.SECONDS).bare()).isEqualTo(jid);
            assertThat(client.isSecure()).isTrue();
        }
    }
}
