package org.xmppboot.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;
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

    /** Created once the server is up, and before the connection: in client mode, creates the account first. */
    @Bean
    @ConditionalOnMissingBean(XmppConnectionDetails.class)
    XmppConnectionDetails xmppLocalServerConnectionDetails(LocalServer server, XmppProperties properties) {
        Jid account = null;
        if (properties.getMode() == XmppProperties.Mode.CLIENT) {
            account = createAccount(server, properties);
        }
        return new LocalServerConnectionDetails(server, account, properties.getPassword());
    }

    private static Jid createAccount(LocalServer server, XmppProperties properties) {
        Jid jid = PropertiesXmppConnectionDetails.parseJid(properties.getJid());
        if (jid.local() == null) {
            return Jid.of(LocalServer.ANONYMOUS_DOMAIN);
        }
        if (!StringUtils.hasLength(properties.getPassword())) {
            throw new InvalidXmppPropertyException("xmpp.password", "is required to log in as " + jid,
                    "Set xmpp.password, or use a JID without a localpart for anonymous login.");
        }
        if (!jid.domain().equals(LocalServer.DOMAIN)) {
            throw new InvalidXmppPropertyException("xmpp.jid", "the local server only hosts '"
                    + LocalServer.DOMAIN + "', not '" + jid.domain() + "'",
                    "Use a JID such as bot@localhost while xmpp.local-server.enabled=true.");
        }
        return server.createUser(jid.bare(), properties.getPassword());
    }

    /** Points the connection at the local server. */
    static final class LocalServerConnectionDetails implements XmppConnectionDetails {

        private final LocalServer server;
        private final @Nullable Jid account;
        private final @Nullable String password;

        LocalServerConnectionDetails(LocalServer server, @Nullable Jid account, @Nullable String password) {
            this.server = server;
            this.account = account;
            this.password = password;
        }

        @Override
        public Client getClient() {
            if (account == null) {
                throw new IllegalStateException("No account was created on the local server (xmpp.mode=component)");
            }
            SslBundle trust = SslBundle.of(new PemSslStoreBundle(null,
                    PemSslStoreDetails.forCertificate("file:" + server.certificate().toAbsolutePath())));
            return new Client() {
                @Override
                public Jid getJid() {
                    return account;
                }

                @Override
                public @Nullable String getPassword() {
                    return password;
                }

                @Override
                public String getHost() {
                    return server.host();
                }

                @Override
                public int getPort() {
                    return server.c2sPort();
                }

                @Override
                public SslBundle getSslBundle() {
                    return trust;
                }
            };
        }

        @Override
        public Component getComponent() {
            return new Component() {
                @Override
                public Jid getDomain() {
                    return Jid.of(LocalServer.COMPONENT_DOMAIN);
                }

                @Override
                public String getSecret() {
                    return server.componentSecret();
                }

                @Override
                public String getHost() {
                    return server.host();
                }

                @Override
                public int getPort() {
                    return server.componentPort();
                }
            };
        }

        @Override
        public String toString() {
            return "LocalServerConnectionDetails[" + server.name() + " at " + server.host() + "]";
        }
    }
}
