package org.xmppboot.plugins.xep0199;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.IqFeaturePlugin;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * XEP-0199: answers pings, pings others, and optionally keeps the connection honest: a TCP connection can
 * die without either side noticing (a NAT drops it, a laptop sleeps), so {@link #keepalive} pings the server
 * and ends the connection (which a client then re-establishes) when no answer comes.
 */
public class Ping extends IqFeaturePlugin {

    public static final String NAME = "xep_0199";
    public static final String NAMESPACE = "urn:xmpp:ping";
    private static final String KEEPALIVE = "xep_0199:keepalive";
    private static final Logger log = LoggerFactory.getLogger(Ping.class);

    private volatile PingConfig config;

    public Ping() {
        this(PingConfig.DEFAULT);
    }

    public Ping(PingConfig config) {
        super(NAME, NAMESPACE, "ping");
        this.config = config;
    }

    /** Replaces the settings; a keepalive set here starts with the next connection. */
    public Ping configure(PingConfig config) {
        this.config = config;
        return this;
    }

    public PingConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        super.start(context);
        Duration interval = config.keepaliveInterval();
        if (interval != null) {
            keepalive(interval, config.keepaliveTimeout());
        }
    }

    /** XEP-0199 §4.1: an empty result. */
    @Override
    protected @Nullable Object answer(Iq request) {
        return null;
    }

    /**
     * Pings an entity; completes with the round-trip time. An error response still proves the entity is
     * there (XEP-0199 §4.2: {@code service-unavailable} means it is up but does not do pings), so only a
     * timeout or a lost connection fails the future.
     */
    public CompletableFuture<Duration> ping(Jid to, Duration timeout) {
        PluginContext stream = context();
        Iq iq = stream.makeIq(Iq.Type.GET, to);
        iq.xml().addElement("ping", NAMESPACE);
        long start = System.nanoTime();
        return iq.send(timeout).handle((result, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause != null && !(cause instanceof StanzaErrorException)) {
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
            return Duration.ofNanos(System.nanoTime() - start);
        });
    }

    /**
     * Pings the server every {@code interval}; when an answer does not come within {@code timeout}, ends the
     * connection as failed.
     */
    public void keepalive(Duration interval, Duration timeout) {
        PluginContext stream = context();
        stream.schedule(KEEPALIVE, interval, () -> {
            Jid self = stream.boundJid();
            if (self == null || !stream.isConnected()) {
                return;
            }
            ping(self.domainJid(), timeout).whenComplete((rtt, failure) -> {
                if (failure != null) {
                    log.warn("[{}] no answer to a keepalive ping within {}; ending the connection",
                            stream.connectionName(), timeout);
                    stream.abort("keepalive ping unanswered");
                }
            });
        }, true);
    }
}
