package org.xmppboot.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.xmppboot.jid.Jid;

/**
 * Where the connection goes and with which credentials, as Spring Boot's other {@link ConnectionDetails} (such
 * as {@code KafkaConnectionDetails}) say it for their services. There is always exactly one bean of this type:
 * by default it is built from the {@code xmpp.*} properties; a development service (the local server of
 * {@code xmpp-spring-boot-local-server}) or the application can define its own instead, and nothing then
 * rewrites the user's properties. How to connect (TLS mode, SASL mechanisms, resource, reconnection, queues)
 * stays in the properties either way.
 *
 * <p>A client connection ({@code xmpp.mode=client}) reads only {@link #getClient()}, a component connection only
 * {@link #getComponent()}; an implementation may fail for the mode it does not serve. Implementations must keep
 * passwords and secrets out of {@code toString()}.
 */
public interface XmppConnectionDetails extends ConnectionDetails {

    /** The account a client connection logs in as, and the server it goes to. */
    Client getClient();

    /** The domain an external component (XEP-0114) connects as, and the server it goes to. */
    Component getComponent();

    /** A client (c2s) connection's account and server. */
    interface Client {

        /**
         * The account, such as {@code bot@example.org}. A JID without a localpart logs in anonymously on its
         * domain. A resource here is asked for unless {@code xmpp.resource} names another.
         */
        Jid getJid();

        /** The account's password; null for anonymous login. */
        @Nullable String getPassword();

        /** The server's host; null to find it through the DNS SRV records of the JID's domain. */
        @Nullable String getHost();

        /** The server's port; 0 for the default (5222, or 5223 for direct TLS). */
        int getPort();

        /** Trust (and for SASL EXTERNAL, key) material for the server; null for the JVM's trust store. */
        default @Nullable SslBundle getSslBundle() {
            return null;
        }

        /** Fixed details, with a {@code toString()} that leaves the password out. */
        static Client of(Jid jid, @Nullable String password, @Nullable String host, int port,
                @Nullable SslBundle sslBundle) {
            return new ClientDetails(jid, password, host, port, sslBundle);
        }
    }

    /** An external component's (XEP-0114) domain, secret and server. */
    interface Component {

        /** The component's domain, such as {@code bot.example.org}. */
        Jid getDomain();

        /** The secret shared with the server for this component. */
        String getSecret();

        /** The server's host for component connections. */
        String getHost();

        /** The server's port for component connections. */
        int getPort();

        /** Fixed details, with a {@code toString()} that leaves the secret out. */
        static Component of(Jid domain, String secret, String host, int port) {
            return new ComponentDetails(domain, secret, host, port);
        }
    }
}
