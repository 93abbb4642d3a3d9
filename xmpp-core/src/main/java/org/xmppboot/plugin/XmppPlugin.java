package org.xmppboot.plugin;

import java.util.Set;

import org.xmppboot.BaseXMPP;

/**
 * A unit of protocol support (usually one XEP) that plugs into a connection: it registers stanza extensions,
 * handlers and events in {@link #init}. Plugin state lives in the plugin, which survives reconnects.
 *
 * <p>Plugins found by {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.xmppboot.plugin.XmppPlugin}) can be registered by name.
 */
public interface XmppPlugin {

    /** A unique name, by convention the XEP: {@code xep_0030}. */
    String name();

    /** The names of the plugins this one needs; they are initialised first. */
    default Set<String> dependencies() {
        return Set.of();
    }

    /** Called once, after every dependency's {@code init}, before the connection starts. */
    void init(BaseXMPP xmpp);

    /** Called once when the connection closes for good, in reverse initialisation order. */
    default void shutdown() {
    }
}
