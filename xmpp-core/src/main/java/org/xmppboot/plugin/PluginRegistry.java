package org.xmppboot.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of one connection: registered by instance or by name, initialised in dependency order.
 * Registering by name (or needing a dependency nobody registered) loads the plugin through
 * {@link ServiceLoader}. Each plugin is initialised with a context of its own, closed (so that what the plugin
 * registered is removed) when the plugin shuts down. Thread-safe.
 */
public final class PluginRegistry {

    /**
     * What a bot usually wants, and what {@link #registerDefaults()} (or Spring's default {@code xmpp.plugins})
     * switches on: discovery, data forms, capabilities, ping, version, delayed delivery, receipts, chat states,
     * markers, forwarding, stanza ids and processing hints.
     */
    public static final List<String> DEFAULTS = List.of("xep_0030", "xep_0004", "xep_0115", "xep_0199", "xep_0092",
            "xep_0203", "xep_0184", "xep_0085", "xep_0333", "xep_0297", "xep_0359", "xep_0334");

    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

    private final Function<XmppPlugin, PluginContext> contexts;
    private final Map<String, XmppPlugin> plugins = new LinkedHashMap<>();
    private final List<XmppPlugin> initialised = new ArrayList<>();
    private final Map<XmppPlugin, PluginContext> openContexts = new LinkedHashMap<>();
    private final List<Consumer<XmppPlugin>> customizers = new CopyOnWriteArrayList<>();
    private boolean started;

    /** @param contexts makes each plugin's context; one that is {@link AutoCloseable} is closed at shutdown */
    public PluginRegistry(Function<XmppPlugin, PluginContext> contexts) {
        this.contexts = contexts;
    }

    /**
     * Adds a step run on every plugin just before each {@code init}, including plugins loaded as
     * dependencies: where configuration from outside (Spring properties, say) is applied.
     */
    public void addCustomizer(Consumer<XmppPlugin> customizer) {
        customizers.add(customizer);
    }

    /** Registers the {@link #DEFAULTS}. */
    public synchronized void registerDefaults() {
        DEFAULTS.forEach(this::register);
    }

    /** Registers a plugin instance; after {@link #initAll()}, it is initialised at once. */
    public synchronized void register(XmppPlugin plugin) {
        XmppPlugin existing = plugins.get(plugin.name());
        if (existing != null && existing != plugin) {
            throw new PluginException("A different plugin named '" + plugin.name() + "' is already registered ("
                    + existing.getClass().getName() + ")");
        }
        plugins.put(plugin.name(), plugin);
        if (started) {
            initAll();
        }
    }

    /** Registers the plugin of this name found by {@link ServiceLoader}. */
    public synchronized void register(String name) {
        if (!plugins.containsKey(name)) {
            register(create(name));
        }
    }

    /** The names of the plugins {@link #register(String)} can find on the class path. */
    public static List<String> availableNames() {
        List<String> names = new ArrayList<>();
        for (XmppPlugin candidate : ServiceLoader.load(XmppPlugin.class)) {
            names.add(candidate.name());
        }
        return names;
    }

    /** A new instance of the plugin of this name found by {@link ServiceLoader}. */
    public static XmppPlugin create(String name) {
        List<String> available = new ArrayList<>();
        for (XmppPlugin candidate : ServiceLoader.load(XmppPlugin.class)) {
            if (candidate.name().equals(name)) {
                return candidate;
            }
            available.add(candidate.name());
        }
        throw new PluginException("No plugin named '" + name + "'; available by name: " + available);
    }

    public synchronized @Nullable XmppPlugin get(String name) {
        return plugins.get(name);
    }

    public synchronized <T extends XmppPlugin> @Nullable T get(Class<T> type) {
        for (XmppPlugin plugin : plugins.values()) {
            if (type.isInstance(plugin)) {
                return type.cast(plugin);
            }
        }
        return null;
    }

    public synchronized Set<String> names() {
        return Set.copyOf(plugins.keySet());
    }

    /**
     * Initialises every registered plugin not yet initialised, dependencies first; loads missing dependencies
     * by name.
     *
     * @throws PluginException for a dependency that cannot be found or a dependency cycle
     */
    public synchronized void initAll() {
        started = true;
        List<XmppPlugin> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (XmppPlugin plugin : initialised) {
            done.add(plugin.name());
        }
        for (String name : new ArrayList<>(plugins.keySet())) {
            visit(name, done, new LinkedHashSet<>(), order, null);
        }
        for (XmppPlugin plugin : order) {
            PluginContext context = contexts.apply(plugin);
            try {
                customizers.forEach(c -> c.accept(plugin));
                plugin.init(context);
            } catch (RuntimeException e) {
                close(context);
                throw new PluginException("Plugin '" + plugin.name() + "' failed to initialise: " + e.getMessage(), e);
            }
            initialised.add(plugin);
            openContexts.put(plugin, context);
            log.debug("Initialised plugin {}", plugin.name());
        }
    }

    private void visit(String name, Set<String> done, LinkedHashSet<String> path, List<XmppPlugin> order,
            @Nullable String requiredBy) {
        if (done.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            List<String> cycle = new ArrayList<>(path);
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            throw new PluginException("Plugin dependency cycle: " + String.join(" -> ", cycle) + " -> " + name);
        }
        XmppPlugin plugin = plugins.get(name);
        if (plugin == null) {
            try {
                plugin = create(name);
            } catch (PluginException e) {
                throw new PluginException("Plugin '" + requiredBy + "' depends on '" + name
                        + "', which is not registered and cannot be loaded: " + e.getMessage(), e);
            }
            plugins.put(name, plugin);
        }
        for (String dependency : plugin.dependencies()) {
            visit(dependency, done, path, order, name);
        }
        path.remove(name);
        done.add(name);
        order.add(plugin);
    }

    /** Shuts plugins down in reverse initialisation order; failures are logged, the rest still run. */
    public synchronized void shutdownAll() {
        for (int i = initialised.size() - 1; i >= 0; i--) {
            XmppPlugin plugin = initialised.get(i);
            try {
                plugin.shutdown();
            } catch (RuntimeException e) {
                log.warn("Plugin '{}' failed to shut down", plugin.name(), e);
            }
            PluginContext context = openContexts.remove(plugin);
            if (context != null) {
                close(context);
            }
        }
        initialised.clear();
        started = false;
    }

    private static void close(PluginContext context) {
        if (context instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Removing a plugin's registrations failed", e);
            }
        }
    }
}
