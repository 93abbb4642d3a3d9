package org.xmppboot.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.StringUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.jid.JidFormatException;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sm.StreamManagementConfig;
import org.xmppboot.stream.StreamConfig;

/**
 * Builds the connection from the {@link XmppConnectionDetails} (where to, as whom) and the {@code xmpp.*}
 * properties (how), then applies every {@link XmppConnectionCustomizer}. Client and component connections take
 * the same path; each property is checked on the way, and a missing or invalid value fails start-up with an
 * {@link InvalidXmppPropertyException} naming it.
 */
final class XmppConnectionFactory {

    /** A replica whose handler stalls this long leaves the server's routing to the others until it returns. */
    private static final Duration COMPONENT_STALL_TIMEOUT = Duration.ofSeconds(10);

    private final XmppProperties properties;
    private final XmppConnectionDetails details;
    private final @Nullable Executor handlerExecutor;
    private final List<XmppConnectionCustomizer> customizers;

    XmppConnectionFactory(XmppProperties properties, XmppConnectionDetails details,
            @Nullable Executor handlerExecutor, List<XmppConnectionCustomizer> customizers) {
        this.properties = properties;
        this.details = details;
        this.handlerExecutor = handlerExecutor;
        this.customizers = customizers;
    }

    /** A client connection to {@link XmppConnectionDetails#getClient()}. */
    ClientXMPP client() {
        XmppConnectionDetails.Client client = details.getClient();
        Jid jid = withResource(client.getJid());
        ClientConfig.Builder builder = ClientConfig.builder(jid, client.getPassword())
                .mechanisms(mechanisms())
                .retryWithoutChannelBinding(properties.getSasl().isRetryWithoutChannelBinding())
                .tls(properties.getTls().getMode())
                .connectTimeout(positive("xmpp.connect-timeout", properties.getConnectTimeout()))
                .reconnect(reconnect())
                .streamManagement(streamManagement())
                .stream(stream(jid.bare().toString(), Duration.ZERO))
                .host(client.getHost(), client.getPort());
        SslBundle bundle = client.getSslBundle();
        if (bundle != null) {
            builder.sslContext(bundle.createSslContext());
        }
        return customized(new ClientXMPP(builder.build()));
    }

    /** A component connection to {@link XmppConnectionDetails#getComponent()}. */
    ComponentXMPP component() {
        XmppConnectionDetails.Component component = details.getComponent();
        String replicaId = properties.getComponent().getReplicaId();
        if (replicaId != null && replicaId.isBlank()) {
            throw new InvalidXmppPropertyException("xmpp.component.replica-id", "is blank",
                    "Name the replica, or leave it unset for the host name and process id.");
        }
        return customized(new ComponentXMPP(new ComponentConfig(component.getDomain(), component.getSecret(),
                component.getHost(), component.getPort(),
                positive("xmpp.connect-timeout", properties.getConnectTimeout()), reconnect(),
                stream(component.getDomain().toString(), COMPONENT_STALL_TIMEOUT),
                replicaId != null ? replicaId : ComponentConfig.defaultReplicaId())));
    }

    private <T extends BaseXMPP> T customized(T connection) {
        customizers.forEach(customizer -> customizer.customize(connection));
        return connection;
    }

    private Jid withResource(Jid account) {
        String resource = properties.getResource();
        if (!StringUtils.hasText(resource)) {
            return account;
        }
        try {
            return account.withResource(resource);
        } catch (JidFormatException e) {
            throw new InvalidXmppPropertyException("xmpp.resource", e.getMessage(), "Use a valid resource.");
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

    private ReconnectPolicy reconnect() {
        XmppProperties.Reconnect r = properties.getReconnect();
        positive("xmpp.reconnect.initial-delay", r.getInitialDelay());
        if (r.getMaxDelay().compareTo(r.getInitialDelay()) < 0) {
            throw new InvalidXmppPropertyException("xmpp.reconnect.max-delay", "is shorter than the initial delay",
                    "Make xmpp.reconnect.max-delay at least xmpp.reconnect.initial-delay.");
        }
        if (r.getMaxAttempts() < 0) {
            throw new InvalidXmppPropertyException("xmpp.reconnect.max-attempts", r.getMaxAttempts()
                    + " is negative", "Use 0 to keep trying forever, or a positive number of attempts.");
        }
        return new ReconnectPolicy(r.isEnabled(), r.getInitialDelay(), r.getMaxDelay(), r.getMaxAttempts());
    }

    private StreamManagementConfig streamManagement() {
        XmppProperties.StreamManagement sm = properties.getStreamManagement();
        if (sm.getAckEvery() < 1) {
            throw new InvalidXmppPropertyException("xmpp.stream-management.ack-every", sm.getAckEvery()
                    + " is less than 1", "Use a positive number of stanzas (the default is 10).");
        }
        positive("xmpp.stream-management.ack-interval", sm.getAckInterval());
        Duration maxResumption = sm.getMaxResumption();
        if (maxResumption != null && maxResumption.toSeconds() < 1) {
            throw new InvalidXmppPropertyException("xmpp.stream-management.max-resumption", "is under a second",
                    "Use at least 1s (XEP-0198 counts in seconds), or leave it unset for the server's choice.");
        }
        if (sm.getMaxUnacked() < sm.getAckEvery()) {
            throw new InvalidXmppPropertyException("xmpp.stream-management.max-unacked", sm.getMaxUnacked()
                    + " is below xmpp.stream-management.ack-every", "Allow at least as many as are acknowledged "
                    + "at once (the default is 5000).");
        }
        return new StreamManagementConfig(sm.isEnabled(), sm.getAckEvery(), sm.getAckInterval(), maxResumption,
                sm.getMaxUnacked());
    }

    private static Duration positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidXmppPropertyException(property, "must be positive", "Use a duration such as 10s.");
        }
        return value;
    }

    /** @param defaultStallTimeout the mode's stall timeout, when {@code xmpp.event-queue.stall-timeout} is unset */
    private StreamConfig stream(String name, Duration defaultStallTimeout) {
        XmppProperties.EventQueue queue = properties.getEventQueue();
        Duration stallTimeout = queue.getStallTimeout() != null ? queue.getStallTimeout() : defaultStallTimeout;
        if (stallTimeout.isNegative()) {
            throw new InvalidXmppPropertyException("xmpp.event-queue.stall-timeout", "is negative",
                    "Use a duration such as 10s, or 0 to turn it off.");
        }
        if (queue.getCapacity() < 1) {
            throw new InvalidXmppPropertyException("xmpp.event-queue.capacity", queue.getCapacity()
                    + " leaves no room", "Use a positive capacity (the default is 10000).");
        }
        if (queue.getSlowHandlerThreshold().isNegative() || queue.getSlowHandlerThreshold().isZero()) {
            throw new InvalidXmppPropertyException("xmpp.event-queue.slow-handler-threshold", "must be positive",
                    "Use a duration such as 2s.");
        }
        int maxQueued = properties.getOutbound().getMaxQueued();
        if (maxQueued < 1) {
            throw new InvalidXmppPropertyException("xmpp.outbound.max-queued", maxQueued + " leaves no room",
                    "Use a positive number (the default is 10000).");
        }
        return StreamConfig.defaults()
                .withName(name)
                .withMaxQueuedOutbound(maxQueued)
                .withNegotiationTimeout(positive("xmpp.negotiation-timeout", properties.getNegotiationTimeout()))
                .withEventQueueCapacity(queue.getCapacity())
                .withSlowHandlerThreshold(queue.getSlowHandlerThreshold())
                .withStallTimeout(stallTimeout)
                .withVirtualThreads(properties.getHandlerExecutor().isVirtualThreads())
                .withHandlerExecutor(properties.getHandlerExecutor().isUseApplicationTaskExecutor()
                        ? handlerExecutor : null);
    }
}
