package org.xmppboot.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.xmppboot.client.TlsMode;
import org.xmppboot.plugin.PluginRegistry;
import org.xmppboot.roster.SubscriptionPolicy;

/**
 * Configuration of the XMPP connection ({@code xmpp.*}). {@link #toString()} never shows the password or the
 * component secret.
 */
@ConfigurationProperties("xmpp")
public class XmppProperties {

    /** How the application connects. */
    public enum Mode {
        /** As an account (c2s): {@code xmpp.jid} and {@code xmpp.password}. */
        CLIENT,
        /** As an external component (XEP-0114): {@code xmpp.component.*}. */
        COMPONENT
    }

    /** Whether to connect as a client (an account) or as an external component (XEP-0114). */
    private Mode mode = Mode.CLIENT;

    /**
     * The account to log in as, such as bot@example.org. A JID with no localpart (example.org)
     * logs in anonymously. Required in client mode.
     */
    private @Nullable String jid;

    /** The account's password. Not needed for anonymous login. */
    private @Nullable String password;

    /** The server to connect to. By default it is found through the DNS SRV records of the JID's domain. */
    private @Nullable String host;

    /**
     * The server's port: at xmpp.host, or without it at the JID's domain (no DNS SRV lookup then). 0 means 5222
     * (5223 for direct TLS) with a host, and the DNS SRV records without one.
     */
    private int port;

    /** The resource to ask the server to bind. By default the server assigns one. */
    private @Nullable String resource;

    /** Whether to connect when the application starts. */
    private boolean autoStartup = true;

    /**
     * How long stopping the application may wait for the handlers to finish with what was received before the
     * stream is closed; what arrives after the close is not answered.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** How long one TCP connect may take. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /**
     * How long a connection may take from TCP to an established session (TLS, authentication, binding, or a
     * component's handshake) before it is given up on and the reconnect policy applies.
     */
    private Duration negotiationTimeout = Duration.ofSeconds(30);

    /**
     * Names of the plugins to enable, such as xep_0199; their dependencies come with them. By default discovery,
     * data forms, capabilities, ping, version, delayed delivery, receipts, chat states, markers, forwarding,
     * stanza ids and processing hints. Setting it replaces that list.
     */
    private List<String> plugins = new ArrayList<>(PluginRegistry.DEFAULTS);

    private final Tls tls = new Tls();

    private final Sasl sasl = new Sasl();

    private final Roster roster = new Roster();

    private final Component component = new Component();

    private final EventQueue eventQueue = new EventQueue();

    private final Outbound outbound = new Outbound();

    private final StreamManagement streamManagement = new StreamManagement();

    private final HandlerExecutor handlerExecutor = new HandlerExecutor();

    private final Reconnect reconnect = new Reconnect();

    /** TLS settings. */
    public static class Tls {

        /**
         * How to secure the connection: required (STARTTLS, and a server without it is refused),
         * direct (TLS from the first byte, XEP-0368), or optional (plaintext allowed when the
         * server offers no STARTTLS; only for servers you control on a trusted network).
         */
        private TlsMode mode = TlsMode.REQUIRED;

        /**
         * Name of an SSL bundle (spring.ssl.bundle.*) with the trust material (and, for SASL EXTERNAL,
         * the client key). By default the JVM's trust store is used.
         */
        private @Nullable String bundle;

        public TlsMode getMode() {
            return mode;
        }

        public void setMode(TlsMode mode) {
            this.mode = mode;
        }

        public @Nullable String getBundle() {
            return bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }
    }

    /** Authentication (SASL, RFC 6120 §6) settings. */
    public static class Sasl {

        /**
         * The SASL mechanisms the client may use, strongest first, such as SCRAM-SHA-256, SCRAM-SHA-1.
         * Empty for all supported: SCRAM-SHA-256-PLUS, SCRAM-SHA-1-PLUS, SCRAM-SHA-256, SCRAM-SHA-1, PLAIN (over
         * TLS only); EXTERNAL and ANONYMOUS when set here or implied by the JID.
         */
        private List<String> mechanisms = new ArrayList<>();

        /**
         * Whether to authenticate once more without channel binding when the server refuses a SCRAM -PLUS login
         * whose binding type it never announced (XEP-0440) but that the TLS version makes the default. Some
         * servers offer -PLUS and accept only tls-unique, which Java cannot produce. The retry is logged.
         */
        private boolean retryWithoutChannelBinding = true;

        public List<String> getMechanisms() {
            return mechanisms;
        }

        public void setMechanisms(List<String> mechanisms) {
            this.mechanisms = mechanisms;
        }

        public boolean isRetryWithoutChannelBinding() {
            return retryWithoutChannelBinding;
        }

        public void setRetryWithoutChannelBinding(boolean retryWithoutChannelBinding) {
            this.retryWithoutChannelBinding = retryWithoutChannelBinding;
        }
    }

    /** The client's roster (RFC 6121) and presence subscriptions. */
    public static class Roster {

        /** How to answer a contact's presence subscription request. */
        public enum Policy {
            /** Approve it, so the contact sees the bot online; the bot does not subscribe back. */
            ACCEPT_ALL(SubscriptionPolicy.ACCEPT_ALL),
            /** Approve it and subscribe back, for bots that act on their contacts' presence. */
            MUTUAL(SubscriptionPolicy.MUTUAL),
            /** Refuse it. */
            REJECT_ALL(SubscriptionPolicy.REJECT_ALL),
            /** Raise {@code roster_subscription_request} and let the application approve or deny. */
            MANUAL(SubscriptionPolicy.MANUAL);

            private final SubscriptionPolicy policy;

            Policy(SubscriptionPolicy policy) {
                this.policy = policy;
            }

            public SubscriptionPolicy policy() {
                return policy;
            }
        }

        /** Whether the client keeps its roster and answers subscription requests (client mode only). */
        private boolean enabled = true;

        /** How to answer presence subscription requests. */
        private Policy subscriptionPolicy = Policy.ACCEPT_ALL;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Policy getSubscriptionPolicy() {
            return subscriptionPolicy;
        }

        public void setSubscriptionPolicy(Policy subscriptionPolicy) {
            this.subscriptionPolicy = subscriptionPolicy;
        }
    }

    /** External component settings (XEP-0114), used when {@code xmpp.mode=component}. */
    public static class Component {

        /** The component's domain, such as bot.example.org. */
        private @Nullable String domain;

        /** The secret shared with the server for this component. */
        private @Nullable String secret;

        /** The server's host for component connections. */
        private String host = "localhost";

        /** The server's port for component connections. */
        private int port = 5347;

        /**
         * Names this process among the replicas of the component (several connections for one domain, which
         * ejabberd routes between): shown in health details and logs, and a replica tag on the xmpp meters. By
         * default the host name and the process id.
         */
        private @Nullable String replicaId;

        public @Nullable String getReplicaId() {
            return replicaId;
        }

        public void setReplicaId(@Nullable String replicaId) {
            this.replicaId = replicaId;
        }

        public @Nullable String getDomain() {
            return domain;
        }

        public void setDomain(@Nullable String domain) {
            this.domain = domain;
        }

        public @Nullable String getSecret() {
            return secret;
        }

        public void setSecret(@Nullable String secret) {
            this.secret = secret;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

    /** The event queue between the read thread and the handlers. */
    public static class EventQueue {

        /**
         * How many received stanzas may wait for their handlers. When it is full the connection stops reading
         * (and TCP slows the server down) instead of growing without bound.
         */
        private int capacity = 10_000;

        /** A handler that holds the event thread longer than this is logged with its stack. */
        private Duration slowHandlerThreshold = Duration.ofSeconds(2);

        /**
         * When a handler holds the event thread longer than this, the connection is closed, so that the server
         * routes to other replicas of a component (or keeps a client's messages), and opened again once the
         * handler returns; what was received meanwhile is still handled. 0 turns it off. By default 10s in
         * component mode and off in client mode.
         */
        private @Nullable Duration stallTimeout;

        public int getCapacity() {
            return capacity;
        }

        public void setCapacity(int capacity) {
            this.capacity = capacity;
        }

        public Duration getSlowHandlerThreshold() {
            return slowHandlerThreshold;
        }

        public void setSlowHandlerThreshold(Duration slowHandlerThreshold) {
            this.slowHandlerThreshold = slowHandlerThreshold;
        }

        public @Nullable Duration getStallTimeout() {
            return stallTimeout;
        }

        public void setStallTimeout(@Nullable Duration stallTimeout) {
            this.stallTimeout = stallTimeout;
        }
    }

    /**
     * Stream management (XEP-0198), where the server offers it (client mode): acknowledgements both ways, and a
     * lost session resumed after a reconnect with nothing lost or repeated. Its state lives in memory: a JVM
     * restart starts a new session.
     */
    public static class StreamManagement {

        /** Whether to enable it when the server offers it. */
        private boolean enabled = true;

        /** Ask the server for an acknowledgement once this many stanzas were sent since the last answered ask. */
        private int ackEvery = 10;

        /** Ask for an acknowledgement this long after a stanza no ask covers yet was sent, however few. */
        private Duration ackInterval = Duration.ofSeconds(5);

        /**
         * The longest time to ask the server to keep a lost session resumable (a preference it may lower); unset
         * to leave it to the server.
         */
        private @Nullable Duration maxResumption;

        /**
         * How many sent stanzas may wait for the server's acknowledgement; reaching it ends the connection as a
         * network failure would, and they are sent again after the reconnect.
         */
        private int maxUnacked = 5_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getAckEvery() {
            return ackEvery;
        }

        public void setAckEvery(int ackEvery) {
            this.ackEvery = ackEvery;
        }

        public Duration getAckInterval() {
            return ackInterval;
        }

        public void setAckInterval(Duration ackInterval) {
            this.ackInterval = ackInterval;
        }

        public @Nullable Duration getMaxResumption() {
            return maxResumption;
        }

        public void setMaxResumption(@Nullable Duration maxResumption) {
            this.maxResumption = maxResumption;
        }

        public int getMaxUnacked() {
            return maxUnacked;
        }

        public void setMaxUnacked(int maxUnacked) {
            this.maxUnacked = maxUnacked;
        }
    }

    /** Stanzas sent while there is no session. */
    public static class Outbound {

        /**
         * How many sent stanzas may wait for the session (while the connection is down or being negotiated). They
         * go out in order once it is back; beyond this, sending fails with an OutboundQueueFullException
         * instead of using memory without bound.
         */
        private int maxQueued = 10_000;

        public int getMaxQueued() {
            return maxQueued;
        }

        public void setMaxQueued(int maxQueued) {
            this.maxQueued = maxQueued;
        }
    }

    /** Where threaded handlers run. */
    public static class HandlerExecutor {

        /**
         * Whether threaded handlers run on the application's task executor (applicationTaskExecutor,
         * virtual threads with spring.threads.virtual.enabled=true). If false, or if there is none,
         * the connection uses a small pool of its own.
         */
        private boolean useApplicationTaskExecutor = true;

        /** Whether the connection's own threads (read, send, event) are virtual threads (Java 21+). */
        private boolean virtualThreads;

        public boolean isUseApplicationTaskExecutor() {
            return useApplicationTaskExecutor;
        }

        public void setUseApplicationTaskExecutor(boolean useApplicationTaskExecutor) {
            this.useApplicationTaskExecutor = useApplicationTaskExecutor;
        }

        public boolean isVirtualThreads() {
            return virtualThreads;
        }

        public void setVirtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
        }
    }

    /**
     * Trying again after a failed connection attempt (the first one included) or a lost session. Never after an
     * authentication failure, an untrusted certificate, a component's rejected secret, or {@code conflict} twice
     * in a row.
     */
    public static class Reconnect {

        /** Whether to try again at all. */
        private boolean enabled = true;

        /**
         * The bound of the first delay; each further failed attempt doubles it. The delay is random between zero
         * and the bound (full jitter).
         */
        private Duration initialDelay = Duration.ofMillis(500);

        /** The largest bound of a delay between attempts. */
        private Duration maxDelay = Duration.ofSeconds(60);

        /** How many failed attempts in a row before giving up; 0 to keep trying forever. */
        private int maxAttempts;

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public @Nullable String getJid() {
        return jid;
    }

    public void setJid(@Nullable String jid) {
        this.jid = jid;
    }

    public @Nullable String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public @Nullable String getHost() {
        return host;
    }

    public void setHost(@Nullable String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public @Nullable String getResource() {
        return resource;
    }

    public void setResource(@Nullable String resource) {
        this.resource = resource;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getNegotiationTimeout() {
        return negotiationTimeout;
    }

    public void setNegotiationTimeout(Duration negotiationTimeout) {
        this.negotiationTimeout = negotiationTimeout;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public List<String> getPlugins() {
        return plugins;
    }

    public void setPlugins(List<String> plugins) {
        this.plugins = plugins;
    }

    public Tls getTls() {
        return tls;
    }

    public Sasl getSasl() {
        return sasl;
    }

    public Roster getRoster() {
        return roster;
    }

    public Component getComponent() {
        return component;
    }

    public EventQueue getEventQueue() {
        return eventQueue;
    }

    public HandlerExecutor getHandlerExecutor() {
        return handlerExecutor;
    }

    public StreamManagement getStreamManagement() {
        return streamManagement;
    }

    public Outbound getOutbound() {
        return outbound;
    }

    public Reconnect getReconnect() {
        return reconnect;
    }

    @Override
    public String toString() {
        return "XmppProperties[mode=" + mode + ", jid=" + jid + ", password=" + (password == null ? "none" : "******")
                + ", host=" + host + ", port=" + port + ", component.domain=" + component.domain
                + ", component.secret=" + (component.secret == null ? "none" : "******") + "]";
    }
}
