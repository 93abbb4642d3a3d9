package org.xmppboot.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.xmppboot.BaseXMPP;
import org.xmppboot.features.TlsFailures;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.sasl.SaslException;

/**
 * Connects when the application starts (unless {@code xmpp.auto-startup=false}) and, on shutdown, closes the
 * stream cleanly: the handlers finish with what was received (within {@code xmpp.shutdown-timeout}), what they
 * send goes out, our closing tag follows, the server's close is awaited, and every connection thread ends before
 * {@link #stop()} returns. Closing only after the drain is what lets a replica of a component leave without
 * losing what the server had already routed to it.
 *
 * <p>Start-up does not wait for the session: a server that is down does not keep the application from
 * starting (the health indicator says DOWN, and the client keeps trying). Plugins (every {@link XmppPlugin}
 * bean, in order, and the names in {@code xmpp.plugins}) are registered once all beans exist, and initialised
 * when the connection starts.
 *
 * <p>While it runs, a non-daemon thread keeps the JVM alive: the connection's own threads are daemons (a library
 * must never keep a JVM from exiting), so an application with no web server would otherwise end right after
 * start-up. Stopping the context ends it, as a listener container's threads do for a messaging application.
 */
public class XmppConnectionLifecycle implements SmartLifecycle, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(XmppConnectionLifecycle.class);
    /** How long closing may take after the drain: the close handshake, then the threads' end. */
    private static final Duration CLOSE_ALLOWANCE = Duration.ofSeconds(5);

    private final BaseXMPP xmpp;
    private final List<XmppPlugin> plugins;
    private final List<String> pluginNames;
    private final boolean autoStartup;
    private final Duration shutdownTimeout;
    private volatile boolean running;
    private volatile CountDownLatch stopped = new CountDownLatch(0);

    public XmppConnectionLifecycle(BaseXMPP xmpp, List<XmppPlugin> plugins, List<String> pluginNames,
            boolean autoStartup, Duration shutdownTimeout) {
        this.xmpp = xmpp;
        this.shutdownTimeout = shutdownTimeout;
        this.plugins = plugins;
        this.pluginNames = pluginNames;
        this.autoStartup = autoStartup;
    }

    /**
     * Registers the plugins once every bean exists, so that they are there to look up
     * ({@code xmpp.plugin(Ping.class)}) even before the connection starts; they are initialised when it does.
     */
    @Override
    public void afterSingletonsInstantiated() {
        plugins.forEach(xmpp::registerPlugin);
        pluginNames.forEach(xmpp::registerPlugin);
    }

    @Override
    public void start() {
        running = true;
        CompletableFuture<?> session = xmpp.connect();
        session.whenComplete((jid, failure) -> {
            // The connection logged the failure itself; here only what to change in a Spring application.
            String hint = failure == null || !running ? null : hint(failure);
            if (hint != null) {
                log.error("XMPP gave up connecting: {}", hint);
            }
        });
        CountDownLatch latch = new CountDownLatch(1);
        stopped = latch;
        Thread keepAlive = new Thread(() -> awaitStop(latch), "xmpp-keep-alive");
        keepAlive.setDaemon(false);
        keepAlive.start();
    }

    private static @Nullable String hint(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof SaslException) {
            return "the server refused the login (" + cause.getMessage() + "): check xmpp.jid and xmpp.password.";
        }
        if (TlsFailures.isTrustFailure(cause)) {
            return "the server's certificate is not trusted: name an SSL bundle that trusts it in xmpp.tls.bundle "
                    + "(spring.ssl.bundle.pem.<name>.truststore.certificate=<its PEM file>).";
        }
        return null;
    }

    private static void awaitStop(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        Duration limit = shutdownTimeout.plus(xmpp.config().closeTimeout()).plus(CLOSE_ALLOWANCE);
        try {
            xmpp.disconnect(shutdownTimeout).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("The XMPP connection did not close within {} ms: {}", limit.toMillis(), e.toString());
        } finally {
            running = false;
            stopped.countDown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }
}
