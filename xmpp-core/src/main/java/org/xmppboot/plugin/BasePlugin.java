package org.xmppboot.plugin;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The usual shape of a plugin: a name, its dependencies, and the {@link PluginContext} it was initialised
 * with. Subclasses register what they need in {@link #start}; everything registered through the context is
 * removed at shutdown without their help, so {@link #stop} is only for the plugin's own state.
 */
public abstract class BasePlugin implements XmppPlugin {

    private final String name;
    private final Set<String> dependencies;
    private volatile @Nullable PluginContext context;

    protected BasePlugin(String name, String... dependencies) {
        this.name = name;
        this.dependencies = Set.of(dependencies);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public Set<String> dependencies() {
        return dependencies;
    }

    @Override
    public final void init(PluginContext context) {
        this.context = context;
        start(context);
    }

    @Override
    public final void shutdown() {
        stop();
    }

    /** Registers the plugin's handlers, extensions and events. */
    protected abstract void start(PluginContext context);

    /** Releases the plugin's own state at the final shutdown; its registrations are removed right after. */
    protected void stop() {
    }

    /** Whether the plugin has been initialised on a connection. */
    public final boolean isInitialised() {
        return context != null;
    }

    /** The connection, once initialised. */
    protected final PluginContext context() {
        PluginContext current = context;
        if (current == null) {
            throw new IllegalStateException(name + " is not initialised: register it on a connection first");
        }
        return current;
    }

    /** Another plugin this one depends on; fails if it is missing (a dependency is always there). */
    protected final <T extends XmppPlugin> T require(Class<T> type) {
        T plugin = context().plugin(type);
        if (plugin == null) {
            throw new IllegalStateException(name + " needs " + type.getSimpleName() + ", which is not registered");
        }
        return plugin;
    }
}
