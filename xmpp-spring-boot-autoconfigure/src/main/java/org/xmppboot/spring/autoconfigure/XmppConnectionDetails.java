package org.xmppboot.spring.autoconfigure;

import javax.net.ssl.SSLContext;

import org.xmppboot.jid.Jid;

/**
 * Where to connect, when something other than the {@code xmpp.*} properties decides it (as Spring Boot's
 * {@code ConnectionDetails}): the local development server provides one. The account, TLS mode and
 * everything else still come from the properties.
 */
public interface XmppConnectionDetails {

    String host();

    /** The client port (STARTTLS). */
    int port();

    /** Trust for this server's certificate. */
    SSLContext sslContext();

    /** Makes sure the account exists (creating it on a development server) and returns its bare JID. */
    Jid prepareAccount(Jid jid, String password);

    String componentHost();

    int componentPort();

    /** The component domain this server accepts. */
    String componentDomain();

    String componentSecret();
}
