package org.xmppboot.plugin;

import java.util.Set;

/**
 * A unit of protocol support (usually one XEP) that plugs into a connection: it registers stanza extensions,
 * handlers and events in {@link #init}. Plugin state lives in the plugin, which survives reconnects: a plugin
 * is initialised when its connection starts and shut down only when the connection closes for good.
 *
 * <p>Plugins found by {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.xmppboot.plugin.XmppPlugin}) can be registered by name. Most plugins extend
 * {@link BasePlugin}.
 */
public interface XmppPlugin {

    /** A unique name, by convention the XEP: {@code xep_0030}. */
    String name();

    /** The names of the plugins this one needs; they are initialised first, loaded by name if missing. */
    default Set<String> dependencies() {
        return Set.of();
    }

    /**
     * Called once per start of the connection, after every dependency's {@code init}. What the plugin
     * registers through the context is removed for it at shutdown.
     */
    void init(PluginContext context);

    /** Called once when the connection closes for good, in reverse initialisation order. */
    default void shutdown() {
    }
}
