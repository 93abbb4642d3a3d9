package org.xmppboot.spring.localserver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.spring.autoconfigure.XmppConnectionDetails;
import org.xmppboot.spring.autoconfigure.XmppProperties;
import org.xmppboot.test.LocalEjabberd;
import org.xmppboot.test.LocalProsody;
import org.xmppboot.test.LocalServer;

/**
 * A development service, as Spring Boot's Docker Compose and Testcontainers support are for databases: with
 * {@code xmpp.local-server.enabled=true}, a throwaway Prosody (or ejabberd, {@code xmpp.local-server.server=ejabberd})
 * from {@code xmpp-test} starts with the application and contributes the {@link XmppConnectionDetails}, so the
 * auto-configured connection goes there and the user's {@code xmpp.*} properties are never rewritten.
 *
 * <p>It lives in its own module so that applications that do not use it (and the starter) never carry the test
 * kit. It runs before {@link XmppAutoConfiguration}, whose default, property-based details then back off.
 *
 * <p>The beans come up in the order the connection needs: the server starts; then, as the details bean is made,
 * the configured account ({@code xmpp.jid}, {@code xmpp.password}) is created on it; only then is the
 * connection bean built, and it connects when the application starts. Once the application is ready, the log
 * says how a person can log in and talk to the bot ({@link LocalServerGuide}).
 */
@AutoConfiguration(before = XmppAutoConfiguration.class)
@ConditionalOnClass(LocalServer.class)
@ConditionalOnBooleanProperty("xmpp.local-server.enabled")
@EnableConfigurationProperties({XmppLocalServerProperties.class, XmppProperties.class})
public final class XmppLocalServerAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LocalServer xmppLocalServer(XmppLocalServerProperties properties) {
        int port = properties.getPort();
        return switch (properties.getServer()) {
            case PROSODY -> LocalProsody.options().preferredClientPort(port).start();
            case EJABBERD -> LocalEjabberd.options().preferredClientPort(port).start();
        };
    }

    @Bean
    LocalServerGuide xmppLocalServerGuide(LocalServer server, XmppLocalServerProperties properties,
            XmppProperties xmpp, XmppConnectionDetails details) {
        return new LocalServerGuide(server, properties, xmpp, details);
    }

    @Bean
    @ConditionalOnMissingBean(XmppConnectionDetails.class)
    LocalServerConnectionDetails xmppLocalServerConnectionDetails(LocalServer server, XmppProperties properties) {
        return LocalServerConnectionDetails.start(server, properties);
    }
}
