package org.xmppboot.spring.localserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.test.LocalServer;

/**
 * N replicas of a Spring Boot application in component mode, all serving {@link LocalServer#COMPONENT_DOMAIN} of
 * one local server, in this JVM: for tests of a bot that runs as several replicas (ejabberd routes one component
 * domain to several connections; Prosody keeps one). Replica {@code i} is named {@code replica-i}
 * ({@code xmpp.component.replica-id}); each has no web server. Stopping one closes its application context, as a
 * rolling restart would.
 *
 * <pre>{@code
 * try (LocalEjabberd server = LocalEjabberd.start();
 *      ComponentReplicas replicas = ComponentReplicas.start(3, server, BotApplication.class)) {
 *     ... send to anything@bot.localhost, then replicas.stop(1), replicas.restart(1) ...
 * }
 * }</pre>
 */
public final class ComponentReplicas implements AutoCloseable {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);

    private final List<? extends LocalServer> nodes;
    private final Class<?> application;
    private final String[] properties;
    private final List<@Nullable ConfigurableApplicationContext> contexts = new ArrayList<>();

    private ComponentReplicas(List<? extends LocalServer> nodes, Class<?> application, String[] properties) {
        this.nodes = List.copyOf(nodes);
        this.application = application;
        this.properties = properties;
    }

    /**
     * Starts the replicas one after another, each with the given extra properties, and returns once each has its
     * component session.
     */
    public static ComponentReplicas start(int count, LocalServer server, Class<?> application,
            String... properties) {
        return start(count, List.of(server), application, properties);
    }

    /**
     * Starts the replicas spread over the nodes of a cluster (such as {@code LocalEjabberdCluster.nodes()}):
     * replica {@code i} connects to node {@code i % nodes.size()}.
     */
    public static ComponentReplicas start(int count, List<? extends LocalServer> nodes, Class<?> application,
            String... properties) {
        if (count < 1 || nodes.isEmpty()) {
            throw new IllegalArgumentException("needs at least one replica and one node, was " + count + " and "
                    + nodes.size());
        }
        ComponentReplicas replicas = new ComponentReplicas(nodes, application, properties);
        try {
            for (int i = 0; i < count; i++) {
                replicas.contexts.add(null);
                replicas.restart(i);
            }
        } catch (RuntimeException | Error e) {
            replicas.close();
            throw e;
        }
        return replicas;
    }

    /** How many replicas there are, running or stopped. */
    public int count() {
        return contexts.size();
    }

    /** The id of replica {@code i}: {@code replica-i}. */
    public static String replicaId(int i) {
        return "replica-" + i;
    }

    /** The running application context of replica {@code i}. */
    public ConfigurableApplicationContext replica(int i) {
        ConfigurableApplicationContext context = contexts.get(i);
        if (context == null || !context.isActive()) {
            throw new IllegalStateException(replicaId(i) + " is not running");
        }
        return context;
    }

    /** The component connection of replica {@code i}. */
    public ComponentXMPP component(int i) {
        return replica(i).getBean(ComponentXMPP.class);
    }

    /** Stops replica {@code i} as its application would stop: the connection drains, then closes. */
    public void stop(int i) {
        ConfigurableApplicationContext context = contexts.set(i, null);
        if (context != null) {
            context.close();
        }
    }

    /** Stops replica {@code i} if it runs, starts it again, and returns once it has its session. */
    public ConfigurableApplicationContext restart(int i) {
        stop(i);
        LocalServer server = nodes.get(i % nodes.size());
        List<String> all = new ArrayList<>(List.of("xmpp.mode=component",
                "xmpp.component.domain=" + LocalServer.COMPONENT_DOMAIN,
                "xmpp.component.secret=" + server.componentSecret(),
                "xmpp.component.host=" + server.host(),
                "xmpp.component.port=" + server.componentPort(),
                "xmpp.component.replica-id=" + replicaId(i),
                "spring.main.web-application-type=none"));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .properties(all.toArray(String[]::new)).run();
        contexts.set(i, context);
        try {
            context.getBean(ComponentXMPP.class).sessionFuture()
                    .get(SESSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(replicaId(i) + " was interrupted while connecting", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(replicaId(i) + " got no component session", e);
        }
        return context;
    }

    /** Stops every replica still running. */
    @Override
    public void close() {
        for (int i = 0; i < contexts.size(); i++) {
            stop(i);
        }
    }
}
