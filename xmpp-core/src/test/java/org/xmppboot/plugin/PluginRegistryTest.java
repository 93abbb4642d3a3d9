package org.xmppboot.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.EventHandler;
import org.xmppboot.stream.StanzaFilter;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

class PluginRegistryTest {

    static final List<String> EVENTS = new ArrayList<>();

    record TestPlugin(String name, Set<String> dependencies) implements XmppPlugin {
        @Override
        public void init(PluginContext context) {
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
        public void init(PluginContext context) {
            EVENTS.add("init test_loadable");
        }
    }

    private final BaseXMPP xmpp = new BaseXMPP("jabber:client", StreamConfig.defaults());
    private final PluginRegistry registry = xmpp.plugins();

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

    /** Registers one of everything through its context, and nothing in shutdown. */
    static final class RegisteringPlugin extends BasePlugin {
        final EventHandler onEvent = data -> EVENTS.add("event " + data);
        final StanzaFilter filter = stanza -> stanza;

        RegisteringPlugin() {
            super("test_registering");
        }

        @Override
        protected void start(PluginContext context) {
            context.registerHandler(StreamHandler.of("test:handler", Matcher.stanzaPath("message"), s -> { }));
            context.registerIqHandler("test:iq", IqRoute.get("urn:test", "query"), iq -> null);
            context.addEventHandler("test_event", onEvent);
            context.addFilter(Direction.OUT, filter, 0);
            context.schedule("test:timer", Duration.ofHours(1), () -> { }, true);
        }
    }

    @Test
    void shutdownRemovesWhatAPluginRegisteredThroughItsContext() {
        RegisteringPlugin plugin = new RegisteringPlugin();
        registry.register(plugin);
        registry.initAll();
        assertThat(xmpp.handlers()).extracting(StreamHandler::name).contains("test:handler");
        assertThat(xmpp.iqHandlerFor(IqRoute.get("urn:test", "query"))).isEqualTo("test:iq");
        assertThat(xmpp.eventHandlerCount("test_event")).isEqualTo(1);

        registry.shutdownAll();

        assertThat(xmpp.handlers()).extracting(StreamHandler::name).doesNotContain("test:handler");
        assertThat(xmpp.iqHandlerFor(IqRoute.get("urn:test", "query"))).isNull();
        assertThat(xmpp.eventHandlerCount("test_event")).isZero();
        assertThat(xmpp.removeFilter(Direction.OUT, plugin.filter)).isFalse();
        assertThat(xmpp.cancelSchedule("test:timer")).isFalse();
    }

    @Test
    void aPluginThatFailsToStartLeavesNothingRegistered() {
        registry.register(new BasePlugin("test_failing") {
            @Override
            protected void start(PluginContext context) {
                context.registerHandler(StreamHandler.of("test:half", Matcher.stanzaPath("message"), s -> { }));
                throw new IllegalStateException("boom");
            }
        });

        assertThatThrownBy(registry::initAll).isInstanceOf(PluginException.class)
                .hasMessage("Plugin 'test_failing' failed to initialise: boom");
        assertThat(xmpp.handlers()).extracting(StreamHandler::name).doesNotContain("test:half");
    }

    @Test
    void customizersSeeEveryPluginBeforeItsInitIncludingLoadedDependencies() {
        registry.addCustomizer(plugin -> EVENTS.add("customize " + plugin.name()));
        registry.register(new TestPlugin("a", Set.of("test_loadable")));
        registry.initAll();

        assertThat(EVENTS).containsExactly("customize test_loadable", "init test_loadable", "customize a", "init a");
    }

    @Test
    void aPluginContextKnowsTheConnectionKindAndUnwrapsIt() {
        PluginContext[] seen = new PluginContext[1];
        registry.register(new BasePlugin("test_context") {
            @Override
            protected void start(PluginContext context) {
                seen[0] = context;
            }
        });
        registry.initAll();

        assertThat(seen[0].isComponent()).isFalse();
        assertThat(seen[0].unwrap(BaseXMPP.class)).isSameAs(xmpp);
        assertThat(seen[0].unwrap(String.class)).isNull();
    }
}
