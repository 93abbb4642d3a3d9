package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link XmppServerTest} seen from outside: sample classes run in a JUnit launcher of their own (so with their
 * own shared servers, started and stopped within that run), and what JUnit reports is checked.
 */
class XmppServerTestTest {

    private static final String SAMPLES = "org.xmppboot.test.samples";

    /** The servers the samples were given, by "class/server name". */
    private static final Map<String, LocalServer> SEEN = new ConcurrentHashMap<>();
    /** Sample test runs in the order they happened: "class/server name". */
    private static final List<String> RUNS = new CopyOnWriteArrayList<>();

    @Test
    void aClassRunsOncePerServerSharingTheServersOfTheRunWhichStopAtItsEnd() {
        Outcome outcome = run(AgainstBoth.class, OnlyEjabberd.class, AProsodyTest.class);

        assertThat(outcome.children(AgainstBoth.class)).containsExactly("[prosody]", "[ejabberd]");
        assertThat(outcome.children(OnlyEjabberd.class)).containsExactly("[ejabberd]");
        assertThat(outcome.failures()).isEmpty();
        assertThat(RUNS).containsSubsequence("AgainstBoth/prosody", "AgainstBoth/ejabberd")
                .contains("OnlyEjabberd/ejabberd", "AProsodyTest/prosody").hasSize(4);

        assertThat(SEEN.get("AgainstBoth/prosody")).isInstanceOf(LocalProsody.class)
                .as("@ProsodyTest and @XmppServerTest share one Prosody").isSameAs(SEEN.get("AProsodyTest/prosody"));
        assertThat(SEEN.get("AgainstBoth/ejabberd")).isInstanceOf(LocalEjabberd.class)
                .isSameAs(SEEN.get("OnlyEjabberd/ejabberd"));
        assertThat(SEEN.values()).as("stopped when their run ended").noneMatch(LocalServer::isRunning);
    }

    @Test
    void aServerAskedForWhereThereIsNoneFailsWithTheReason() {
        Outcome outcome = run(AsksInBeforeAll.class, AsksForEjabberdOnBoth.class);

        assertThat(outcome.failures().get("AsksInBeforeAll"))
                .contains("run once around all its server runs");
        assertThat(outcome.failures().get("AsksForEjabberdOnBoth/[prosody]/onlyEjabberd(LocalEjabberd)"))
                .contains("is against prosody, not a LocalEjabberd");
        assertThat(outcome.failures()).hasSize(2);
        assertThat(RUNS).containsExactly("AsksForEjabberdOnBoth/ejabberd");
    }

    private static Outcome run(Class<?>... samples) {
        SEEN.clear();
        RUNS.clear();
        Outcome outcome = new Outcome();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(samples).map(c -> selectClass(c)).toList())
                .configurationParameter(SAMPLES, "true")
                .build(), outcome);
        return outcome;
    }

    /** What JUnit reported: containers' display names by parent, and failures by display-name path. */
    private static final class Outcome implements TestExecutionListener {
        private final Map<String, List<String>> children = new ConcurrentHashMap<>();
        private final Map<String, String> failures = new ConcurrentHashMap<>();
        private final Map<String, String> paths = new ConcurrentHashMap<>();

        @Override
        public void executionStarted(TestIdentifier id) {
            Optional<String> parent = id.getParentId();
            String parentPath = parent.map(paths::get).orElse(null);
            String path = parentPath == null || parentPath.isEmpty() ? simpleName(id) : parentPath + "/"
                    + id.getDisplayName();
            paths.put(id.getUniqueId(), parent.isEmpty() ? "" : path);
            parent.ifPresent(p -> children.computeIfAbsent(p, k -> new CopyOnWriteArrayList<>())
                    .add(id.getDisplayName()));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            result.getThrowable().ifPresent(t -> failures.put(paths.getOrDefault(id.getUniqueId(), "?"),
                    String.valueOf(t.getMessage())));
        }

        private static String simpleName(TestIdentifier id) {
            String name = id.getDisplayName();
            return name.substring(name.lastIndexOf('$') + 1);
        }

        List<String> children(Class<?> sample) {
            return paths.entrySet().stream().filter(e -> e.getValue().equals(sample.getSimpleName()))
                    .findFirst().map(e -> children.getOrDefault(e.getKey(), List.of())).orElse(List.of());
        }

        Map<String, String> failures() {
            return failures;
        }
    }

    /** The samples run only inside {@link #run}, not when a tool picks them up on their own. */
    static final class OnlyInLauncher implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(SAMPLES).isPresent()
                    ? ConditionEvaluationResult.enabled("run by XmppServerTestTest")
                    : ConditionEvaluationResult.disabled("a sample for XmppServerTestTest");
        }
    }

    private static void saw(Class<?> sample, LocalServer server) {
        String key = sample.getSimpleName() + "/" + server.name();
        SEEN.put(key, server);
        RUNS.add(key);
    }

    @XmppServerTest
    @ExtendWith(OnlyInLauncher.class)
    static class AgainstBoth {
        private final LocalServer server;

        AgainstBoth(LocalServer server) {
            this.server = server;
        }

        @Test
        void getsTheServerOfItsRun(LocalServer parameter) {
            assertThat(parameter).isSameAs(server);
            assertThat(server.isRunning()).isTrue();
            assertThat(server.getClass()).isEqualTo(server.name().equals("prosody") ? LocalProsody.class
                    : LocalEjabberd.class);
            saw(AgainstBoth.class, server);
        }
    }

    @XmppServerTest(ServerKind.EJABBERD)
    @ExtendWith(OnlyInLauncher.class)
    static class OnlyEjabberd {
        @Test
        void getsEjabberd(LocalEjabberd server) {
            saw(OnlyEjabberd.class, server);
        }
    }

    @ProsodyTest
    @ExtendWith(OnlyInLauncher.class)
    static class AProsodyTest {
        @Test
        void getsProsody(LocalProsody server) {
            saw(AProsodyTest.class, server);
        }
    }

    @XmppServerTest
    @ExtendWith(OnlyInLauncher.class)
    static class AsksInBeforeAll {
        @BeforeAll
        static void setUp(LocalServer server) {
            saw(AsksInBeforeAll.class, server);
        }

        @Test
        void test() {
        }
    }

    @XmppServerTest
    @ExtendWith(OnlyInLauncher.class)
    static class AsksForEjabberdOnBoth {
        @Test
        void onlyEjabberd(LocalEjabberd server) {
            saw(AsksForEjabberdOnBoth.class, server);
        }
    }
}
