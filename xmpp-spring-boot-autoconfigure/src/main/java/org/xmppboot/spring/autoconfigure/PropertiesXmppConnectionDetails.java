package org.xmppboot.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;
import org.xmppboot.jid.Jid;
import org.xmppboot.jid.JidFormatException;

/**
 * The default {@link XmppConnectionDetails}: the {@code xmpp.*} properties, checked as they are read. A missing or
 * invalid value fails start-up with an {@link InvalidXmppPropertyException} naming the property. Only the part
 * the connection's mode needs is read, so component mode never asks for {@code xmpp.jid}.
 */
final class PropertiesXmppConnectionDetails implements XmppConnectionDetails {

    private final XmppProperties properties;
    private final @Nullable SslBundles sslBundles;

    PropertiesXmppConnectionDetails(XmppProperties properties, @Nullable SslBundles sslBundles) {
        this.properties = properties;
        this.sslBundles = sslBundles;
    }

    @Override
    public Client getClient() {
        Jid jid = parseJid(properties.getJid());
        String password = properties.getPassword();
        if (jid.local() != null && !StringUtils.hasLength(password)) {
            throw new InvalidXmppPropertyException("xmpp.password", "is required to log in as " + jid,
                    "Set xmpp.password (from an environment variable or a secret store, not in the source), or "
                            + "use a JID without a localpart for anonymous login.");
        }
        checkResolved("xmpp.password", password);
        checkPort("xmpp.port", properties.getPort(), true);
        SslBundle bundle = sslBundle(properties.getTls().getBundle());
        return Client.of(jid, password, properties.getHost(), properties.getPort(), bundle);
    }

    @Override
    public Component getComponent() {
        XmppProperties.Component c = properties.getComponent();
        if (!StringUtils.hasText(c.getDomain())) {
            throw new InvalidXmppPropertyException("xmpp.component.domain", "is required in component mode",
                    "Set xmpp.component.domain to the component's domain, such as bot.example.org.");
        }
        Jid domain;
        try {
            domain = Jid.of(c.getDomain());
        } catch (JidFormatException e) {
            throw new InvalidXmppPropertyException("xmpp.component.domain", e.getMessage(), "Use a domain name.");
        }
        if (domain.local() != null || domain.resource() != null) {
            throw new InvalidXmppPropertyException("xmpp.component.domain", "'" + c.getDomain() + "' is not a bare "
                    + "domain", "Use the component's domain alone, such as bot.example.org.");
        }
        String secret = c.getSecret();
        if (secret == null || secret.isEmpty()) {
            throw new InvalidXmppPropertyException("xmpp.component.secret", "is required in component mode",
                    "Set xmpp.component.secret to the secret configured for the component on the server.");
        }
        checkResolved("xmpp.component.secret", secret);
        checkPort("xmpp.component.port", c.getPort(), false);
        return Component.of(domain, secret, c.getHost(), c.getPort());
    }

    /**
     * Spring leaves a placeholder it cannot resolve as it is, so {@code xmpp.password=${XMPP_PASSWORD}} with the
     * variable unset would log in with the placeholder's own text: refuse it, naming the variable but never the
     * value of anything.
     */
    private static void checkResolved(String property, @Nullable String value) {
        if (value != null && value.startsWith("${") && value.endsWith("}")) {
            String name = value.substring(2, value.length() - 1).split(":", 2)[0];
            throw new InvalidXmppPropertyException(property, "is the unresolved placeholder ${" + name + "}",
                    "Set " + name + " (an environment variable, a system property or another property), or give "
                            + property + " a default: ${" + name + ":...}.");
        }
    }

    /**
     * {@code xmpp.jid} as a JID.
     *
     * @throws InvalidXmppPropertyException if it is missing or not a JID
     */
    static Jid parseJid(@Nullable String value) {
        if (!StringUtils.hasText(value)) {
            throw new InvalidXmppPropertyException("xmpp.jid", "is required in client mode",
                    "Set xmpp.jid to the bot's account, such as bot@example.org (or xmpp.mode=component).");
        }
        try {
            return Jid.of(value);
        } catch (JidFormatException e) {
            throw new InvalidXmppPropertyException("xmpp.jid", e.getMessage(),
                    "Set xmpp.jid to a valid JID, such as bot@example.org.");
        }
    }

    private static void checkPort(String property, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new InvalidXmppPropertyException(property, port + " is not a port",
                    "Use a port between 1 and 65535" + (zeroAllowed ? " (or 0 for the default)." : "."));
        }
    }

    private @Nullable SslBundle sslBundle(@Nullable String name) {
        if (!StringUtils.hasText(name)) {
            return null;
        }
        if (sslBundles == null) {
            throw new InvalidXmppPropertyException("xmpp.tls.bundle", "SSL bundles are not available",
                    "Configure the bundle under spring.ssl.bundle.");
        }
        try {
            return sslBundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new InvalidXmppPropertyException("xmpp.tls.bundle", "there is no SSL bundle named '" + name + "'",
                    "Define it under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name + ".");
        }
    }

    @Override
    public String toString() {
        return "PropertiesXmppConnectionDetails[" + properties + "]";
    }
}
