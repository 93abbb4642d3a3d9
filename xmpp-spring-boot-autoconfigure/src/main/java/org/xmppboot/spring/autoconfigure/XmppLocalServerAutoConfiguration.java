package org.xmppboot.spring.autoconfigure;

import javax.net.ssl.SSLContext;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.xmppboot.jid.Jid;
import org.xmppboot.test.LocalEjabberd;
import org.xmppboot.test.LocalProsody;
import org.xmppboot.test.LocalServer;

/**
 * Local development server: with {@code xmpp.local-server.enabled=true} and {@code xmpp-test} on the class
 * path, a throwaway Prosody (or ejabberd, {@code xmpp.local-server.server=ejabberd}) starts with the application,
 * the configured account is created on it, and the connection goes there (as Spring Boot's Docker Compose
 * support does for databases).
 */
@AutoConfiguration(before = XmppAutoConfiguration.class)
@ConditionalOnClass(LocalServer.class)
@ConditionalOnProperty(name = "xmpp.local-server.enabled", havingValue = "true")
@EnableConfigurationProperties(XmppProperties.class)
public class XmppLocalServerAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LocalServer xmppLocalServer(XmppProperties properties) {
        return switch (properties.getLocalServer().getServer()) {
            case PROSODY -> LocalProsody.start();
            case EJABBERD -> LocalEjabberd.start();
        };
    }

    @Bean
    @ConditionalOnMissingBean
    XmppConnectionDetails xmppLocalServerConnectionDetails(LocalServer server) {
        return new LocalServerConnectionDetails(server);
    }

    /** Points the connection at the local server and creates the account there. */
    record LocalServerConnectionDetails(LocalServer server) implements XmppConnectionDetails {

        @Override
        public String host() {
            return server.host();
        }

        @Override
        public int port() {
            return server.c2sPort();
        }

        @Override
        public SSLContext sslContext() {
            return server.sslContext();
        }

        @Override
        public Jid prepareAccount(Jid jid, String password) {
            if (jid.local() == null) {
                return Jid.of(LocalServer.ANONYMOUS_DOMAIN);
            }
            if (!jid.domain().equals(LocalServer.DOMAIN)) {
                throw new InvalidXmppPropertyException("xmpp.jid", "the local server only hosts '"
                        + LocalServer.DOMAIN + "', not '" + jid.domain() + "'",
                        "Use a JID such as bot@localhost while xmpp.local-server.enabled=true.");
            }
            return server.createUser(jid, password);
        }

        @Override
        public String componentHost() {
            return server.host();
        }

        @Override
        public int componentPort() {
            return server.componentPort();
        }

        @Override
        public String componentDomain() {
            return LocalServer.COMPONENT_DOMAIN;
        }

        @Override
        public String componentSecret() {
            return server.componentSecret();
        }
    }
}
