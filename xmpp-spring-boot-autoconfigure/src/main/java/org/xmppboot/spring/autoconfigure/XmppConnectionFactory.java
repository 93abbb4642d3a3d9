package org.xmppboot.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.jid.JidFormatException;
import org.xmppboot.stream.StreamConfig;

/**
 * Turns {@link XmppProperties} into a connection, checking each property on the way: a missing or invalid
 * value fails start-up with an {@link InvalidXmppPropertyException} naming it.
 */
final class XmppConnectionFactory {

    private final XmppProperties properties;
    private final @Nullable SslBundles sslBundles;
    private final @Nullable Executor handlerExecutor;
    private final @Nullable XmppConnectionDetails details;

    XmppConnectionFactory(XmppProperties properties, @Nullable SslBundles sslBundles,
            @Nullable Executor handlerExecutor, @Nullable XmppConnectionDetails details) {
        this.properties = properties;
        this.sslBundles = sslBundles;
        this.handlerExecutor = handlerExecutor;
        this.details = details;
    }

    ClientXMPP client() {
        Jid jid = jid();
        String password = properties.getPassword();
        if (jid.local() != null && !StringUtils.hasLength(password)) {
            throw new InvalidXmppPropertyException("xmpp.password", "is required to log in as " + jid,
                    "Set xmpp.password (from an environment variable or a secret store, not in the source), or "
                            + "use a JID without a localpart for anonymous login.");
        }
        if (StringUtils.hasText(properties.getResource())) {
            try {
                jid = jid.withResource(properties.getResource());
            } catch (JidFormatException e) {
                throw new InvalidXmppPropertyException("xmpp.resource", e.getMessage(), "Use a valid resource.");
            }
        }
        checkPort("xmpp.port", properties.getPort(), true);
        if (details != null) {
            Jid account = details.prepareAccount(jid, password == null ? "" : password);
            jid = jid.resource() == null ? account : account.withResource(jid.resource());
        }
        ClientConfig.Builder builder = ClientConfig.builder(jid, password)
                .mechanisms(mechanisms())
                .retryWithoutChannelBinding(properties.getSasl().isRetryWithoutChannelBinding())
                .tls(properties.getTls().getMode())
                .reconnect(reconnect())
                .stream(stream(jid.bare().toString()));
        if (details != null) {
            builder.host(details.host(), details.port()).sslContext(details.sslContext());
        } else {
            builder.host(properties.getHost(), properties.getPort());
            SSLContext context = sslContext();
            if (context != null) {
                builder.sslContext(context);
            }
        }
        return new ClientXMPP(builder.build());
    }

    ComponentXMPP component() {
        XmppProperties.Component c = properties.getComponent();
        if (details != null) {
            return new ComponentXMPP(new ComponentConfig(Jid.of(details.componentDomain()), details.componentSecret(),
                    details.componentHost(), details.componentPort(), Duration.ofSeconds(10),
                    stream(details.componentDomain())));
        }
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
        if (!StringUtils.hasLength(c.getSecret())) {
            throw new InvalidXmppPropertyException("xmpp.component.secret", "is required in component mode",
                    "Set xmpp.component.secret to the secret configured for the component on the server.");
        }
        checkPort("xmpp.component.port", c.getPort(), false);
        return new ComponentXMPP(new ComponentConfig(domain, c.getSecret(), c.getHost(), c.getPort(),
                Duration.ofSeconds(10), stream(domain.toString())));
    }

    private Jid jid() {
        String value = properties.getJid();
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

    private String[] mechanisms() {
        List<String> names = properties.getSasl().getMechanisms().stream().map(String::strip).toList();
        for (String name : names) {
            if (!ClientConfig.SUPPORTED_MECHANISMS.contains(name)) {
                throw new InvalidXmppPropertyException("xmpp.sasl.mechanisms", "'" + name + "' is not a supported "
                        + "SASL mechanism", "Use some of " + String.join(", ", ClientConfig.SUPPORTED_MECHANISMS)
                        + ", strongest first (or leave it empty for all).");
            }
        }
        return names.toArray(String[]::new);
    }

    private static void checkPort(String property, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new InvalidXmppPropertyException(property, port + " is not a port",
                    "Use a port between 1 and 65535" + (zeroAllowed ? " (or 0 for the default)." : "."));
        }
    }

    private ClientConfig.Reconnect reconnect() {
        XmppProperties.Reconnect r = properties.getReconnect();
        if (r.getInitialDelay().isNegative() || r.getInitialDelay().isZero()) {
            throw new InvalidXmppPropertyException("xmpp.reconnect.initial-delay", "must be positive",
                    "Use a duration such as 1s.");
        }
        if (r.getMaxDelay().compareTo(r.getInitialDelay()) < 0) {
            throw new InvalidXmppPropertyException("xmpp.reconnect.max-delay", "is shorter than the initial delay",
                    "Make xmpp.reconnect.max-delay at least xmpp.reconnect.initial-delay.");
        }
        return new ClientConfig.Reconnect(r.isEnabled(), r.getInitialDelay(), r.getMaxDelay());
    }

    private StreamConfig stream(String name) {
        XmppProperties.EventQueue queue = properties.getEventQueue();
        if (queue.getCapacity() < 1) {
            throw new InvalidXmppPropertyException("xmpp.event-queue.capacity", queue.getCapacity()
                    + " leaves no room", "Use a positive capacity (the default is 10000).");
        }
        if (queue.getSlowHandlerThreshold().isNegative() || queue.getSlowHandlerThreshold().isZero()) {
            throw new InvalidXmppPropertyException("xmpp.event-queue.slow-handler-threshold", "must be positive",
                    "Use a duration such as 2s.");
        }
        return StreamConfig.defaults()
                .withName(name)
                .withEventQueueCapacity(queue.getCapacity())
                .withSlowHandlerThreshold(queue.getSlowHandlerThreshold())
                .withVirtualThreads(properties.getHandlerExecutor().isVirtualThreads())
                .withHandlerExecutor(properties.getHandlerExecutor().isUseApplicationTaskExecutor()
                        ? handlerExecutor : null);
    }

    private @Nullable SSLContext sslContext() {
        String bundle = properties.getTls().getBundle();
        if (!StringUtils.hasText(bundle)) {
            return null;
        }
        if (sslBundles == null) {
            throw new InvalidXmppPropertyException("xmpp.tls.bundle", "SSL bundles are not available",
                    "Configure the bundle under spring.ssl.bundle.");
        }
        try {
            return sslBundles.getBundle(bundle).createSslContext();
        } catch (NoSuchSslBundleException e) {
            throw new InvalidXmppPropertyException("xmpp.tls.bundle", "there is no SSL bundle named '" + bundle + "'",
                    "Define it under spring.ssl.bundle.pem." + bundle + " or spring.ssl.bundle.jks." + bundle + ".");
        }
    }
}
