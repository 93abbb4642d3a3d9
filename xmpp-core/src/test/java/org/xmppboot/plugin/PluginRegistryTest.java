package org.xmppboot.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stream.StreamConfig;

class PluginRegistryTest {

    static final List<String> EVENTS = new ArrayList<>();

    record TestPlugin(String name, Set<String> dependencies) implements XmppPlugin {
        @Override
        public void init(BaseXMPP xmpp) {
            EVENTS.add("init " + name);
        }

        @Override
        public void shutdown() {
            EVENTS.add("shutdown " + name);
        }
    }

    /** Found by name through META-INF/services in the test resources. */
    public static final class LoadablePlugin implements XmppPlugin {
        @Override
        public String name() {
            return "test_loadable";
        }

        @Override
        public void init(BaseXMPP xmpp) {
            EVENTS.add("init test_loadable");
        }
    }

    private final PluginRegistry registry = new PluginRegistry(new BaseXMPP("jabber:client", StreamConfig.defaults()));

    PluginRegistryTest() {
        EVENTS.clear();
    }

    @Test
    void initialisesDependenciesFirstAndShutsDownInReverse() {
        registry.register(new TestPlugin("c", Set.of("b")));
        registry.register(new TestPlugin("b", Set.of("a")));
        registry.register(new TestPlugin("a", Set.of()));
        registry.initAll();
        registry.shutdownAll();

        assertThat(EVENTS).containsExactly("init a", "init b", "init c", "shutdown c", "shutdown b", "shutdown a");
    }

    @Test
    void aPluginRegisteredAfterStartIsInitialisedAtOnceAndOthersNotAgain() {
        registry.register(new TestPlugin("a", Set.of()));
        registry.initAll();
        registry.register(new TestPlugin("b", Set.of("a")));

        assertThat(EVENTS).containsExactly("init a", "init b");
    }

    @Test
    void aCycleIsAClearError() {
        registry.register(new TestPlugin("a", Set.of("b")));
        registry.register(new TestPlugin("b", Set.of("c")));
        registry.register(new TestPlugin("c", Set.of("a")));

        assertThatThrownBy(registry::initAll).isInstanceOf(PluginException.class)
                .hasMessage("Plugin dependency cycle: a -> b -> c -> a");
        assertThat(EVENTS).isEmpty();
    }

    @Test
    void aMissingDependencyNamesBothPlugins() {
        registry.register(new TestPlugin("a", Set.of("xep_9999")));

        assertThatThrownBy(registry::initAll).isInstanceOf(PluginException.class)
                .hasMessageContaining("Plugin 'a' depends on 'xep_9999'")
                .hasMessageContaining("test_loadable");
    }

    @Test
    void pluginsAreFoundByNameAndAsDependencies() {
        registry.register(new TestPlugin("a", Set.of("test_loadable")));
        registry.initAll();

        assertThat(EVENTS).containsExactly("init test_loadable", "init a");
        assertThat(registry.get(LoadablePlugin.class)).isNotNull();
        assertThat(registry.names()).containsExactlyInAnyOrder("a", "test_loadable");
    }

    @Test
    void twoDifferentPluginsWithOneNameAreRefused() {
        registry.register(new TestPlugin("a", Set.of()));
        assertThatThrownBy(() -> registry.register(new TestPlugin("a", Set.of("x"))))
                .isInstanceOf(PluginException.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> registry.register("no_such_plugin")).hasMessageContaining("No plugin named");
    }
}
