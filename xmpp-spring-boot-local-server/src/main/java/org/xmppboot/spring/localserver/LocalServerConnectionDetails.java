package org.xmppboot.spring.localserver;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.util.StringUtils;
import org.xmppboot.jid.Jid;
import org.xmppboot.jid.JidFormatException;
import org.xmppboot.spring.autoconfigure.InvalidXmppPropertyException;
import org.xmppboot.spring.autoconfigure.XmppConnectionDetails;
import org.xmppboot.spring.autoconfigure.XmppProperties;
import org.xmppboot.test.LocalServer;

/**
 * Points the connection at the local server: its host and ports, trust for its self-signed certificate, the
 * account created on it (client mode) or its component slot (component mode). Reading it has no side effects:
 * the account was created by {@link #start}, before the connection exists.
 */
final class LocalServerConnectionDetails implements XmppConnectionDetails {

    private final LocalServer server;
    private final @Nullable Jid account;
    private final @Nullable String password;

    private LocalServerConnectionDetails(LocalServer server, @Nullable Jid account, @Nullable String password) {
        this.server = server;
        this.account = account;
        this.password = password;
    }

    /**
     * The details for a server that has just started: in client mode, the configured account is created on it
     * first (a JID without a localpart logs in anonymously on {@link LocalServer#ANONYMOUS_DOMAIN}).
     *
     * @throws InvalidXmppPropertyException if {@code xmpp.jid} or {@code xmpp.password} cannot give an account
     *     there
     */
    static LocalServerConnectionDetails start(LocalServer server, XmppProperties properties) {
        if (properties.getMode() != XmppProperties.Mode.CLIENT) {
            return new LocalServerConnectionDetails(server, null, null);
        }
        Jid jid = jid(properties.getJid());
        if (jid.local() == null) {
            return new LocalServerConnectionDetails(server, Jid.of(LocalServer.ANONYMOUS_DOMAIN), null);
        }
        String password = properties.getPassword();
        if (password == null || password.isEmpty()) {
            throw new InvalidXmppPropertyException("xmpp.password", "is required to log in as " + jid,
                    "Set xmpp.password, or use a JID without a localpart for anonymous login.");
        }
        if (!jid.domain().equals(LocalServer.DOMAIN)) {
            throw new InvalidXmppPropertyException("xmpp.jid", "the local server only hosts '" + LocalServer.DOMAIN
                    + "', not '" + jid.domain() + "'",
                    "Use a JID such as bot@localhost while xmpp.local-server.enabled=true.");
        }
        Jid account = server.createUser(jid.bare(), password);
        return new LocalServerConnectionDetails(server, jid.resource() == null ? account
                : account.withResource(jid.resource()), password);
    }

    private static Jid jid(@Nullable String value) {
        if (!StringUtils.hasText(value)) {
            throw new InvalidXmppPropertyException("xmpp.jid", "is required in client mode",
                    "Set xmpp.jid to the bot's account on the local server, such as bot@localhost.");
        }
        try {
            return Jid.of(value);
        } catch (JidFormatException e) {
            throw new InvalidXmppPropertyException("xmpp.jid", e.getMessage(),
                    "Set xmpp.jid to a valid JID, such as bot@localhost.");
        }
    }

    @Override
    public Client getClient() {
        Jid jid = account;
        if (jid == null) {
            throw new IllegalStateException("No account was created on the local server: xmpp.mode is not client");
        }
        SslBundle trust = SslBundle.of(new PemSslStoreBundle(null,
                PemSslStoreDetails.forCertificate("file:" + server.certificate().toAbsolutePath())));
        return Client.of(jid, password, server.host(), server.c2sPort(), trust);
    }

    @Override
    public Component getComponent() {
        return Component.of(Jid.of(LocalServer.COMPONENT_DOMAIN), server.componentSecret(), server.host(),
                server.componentPort());
    }

    @Override
    public String toString() {
        return "LocalServerConnectionDetails[" + server.name() + " on " + server.host() + "]";
    }
}
