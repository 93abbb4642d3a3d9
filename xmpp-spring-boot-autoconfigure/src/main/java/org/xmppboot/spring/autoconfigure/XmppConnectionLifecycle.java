package org.xmppboot.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.xmppboot.BaseXMPP;
import org.xmppboot.plugin.XmppPlugin;

/**
 * Connects when the application starts (unless {@code xmpp.auto-startup=false}) and, on shutdown, closes the
 * stream cleanly: what is queued is sent, the server's close is awaited, the event queue is drained, and every
 * connection thread ends before {@link #stop()} returns.
 *
 * <p>Start-up does not wait for the session: a server that is down does not keep the application from
 * starting (the health indicator says DOWN, and the client keeps trying). Plugins (every {@link XmppPlugin}
 * bean, in order, and the names in {@code xmpp.plugins}) are registered just before connecting.
 */
public class XmppConnectionLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(XmppConnectionLifecycle.class);
    private static final long STOP_TIMEOUT_SECONDS = 15;

    private final BaseXMPP xmpp;
    private final List<XmppPlugin> plugins;
    private final List<String> pluginNames;
    private final boolean autoStartup;
    private volatile boolean running;

    public XmppConnectionLifecycle(BaseXMPP xmpp, List<XmppPlugin> plugins, List<String> pluginNames,
            boolean autoStartup) {
        this.xmpp = xmpp;
        this.plugins = plugins;
        this.pluginNames = pluginNames;
        this.autoStartup = autoStartup;
    }

    @Override
    public void start() {
        plugins.forEach(xmpp::registerPlugin);
        pluginNames.forEach(xmpp::registerPlugin);
        CompletableFuture<?> session = xmpp.connect();
        session.whenComplete((jid, failure) -> {
            if (failure != null) {
                log.error("XMPP session not established: {}", failure.getMessage());
            }
        });
        running = true;
    }

    @Override
    public void stop() {
        try {
            xmpp.disconnect().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("The XMPP connection did not close within {} s: {}", STOP_TIMEOUT_SECONDS, e.toString());
        } finally {
            running = false;
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
