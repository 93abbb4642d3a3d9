package org.xmppboot.spring.localserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0184.DeliveryReceipts;
import org.xmppboot.plugins.xep0184.ReceiptsConfig;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.autoconfigure.XmppConnectionCustomizer;
import org.xmppboot.spring.autoconfigure.XmppProperties;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.Direction;
import org.xmppboot.test.LocalEjabberd;
import org.xmppboot.test.LocalEjabberdCluster;
import org.xmppboot.test.LocalServer;

/**
 * A Spring Boot bot run as three component replicas behind ejabberd, which routes each message for the component
 * domain to one of the connections, while clients send numbered requests and count the answers: what a graceful
 * stop, a crash, a frozen handler and a rolling restart cost. Each scenario prints its tally: the split per
 * replica, latency, requests never answered, answered twice.
 *
 * <p>The default run is short, on one ejabberd node. The {@code cluster} Maven profile runs the full one
 * ({@code -Dxmpp.replicas.messages=30000 -Dxmpp.replicas.senders=30 -Dxmpp.replicas.rate=2000
 * -Dxmpp.replicas.cluster=true}): three replicas spread over a two-node cluster.
 */
class ReplicasTest {

    private static final int MESSAGES = Integer.getInteger("xmpp.replicas.messages", 1_000);
    private static final int SENDERS = Integer.getInteger("xmpp.replicas.senders", 3);
    private static final int RATE = Integer.getInteger("xmpp.replicas.rate", 250);
    private static final boolean CLUSTER = Boolean.getBoolean("xmpp.replicas.cluster");
    private static final Duration STALL = Duration.ofSeconds(1);
    private static final String PASSWORD = "replica senders";
    /** How long a retrying sender waits for a request's receipt before sending it again. */
    private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(2);

    /** What each replica did, by replica id: shared by the replicas' application contexts in this JVM. */
    static final Map<String, ReplicaState> STATES = new ConcurrentHashMap<>();
    /** The requests some replica answered, each once however often it was sent. */
    static final Set<String> HANDLED = ConcurrentHashMap.newKeySet();

    static final class ReplicaState {
        final AtomicInteger handled = new AtomicInteger();
        /** When the read thread last took a stanza off the wire while the handler was frozen. */
        volatile long lastArrivalWhileFrozen;
        volatile @Nullable CountDownLatch frozen;
        volatile boolean dead;
        /** Every connection this replica had (one per start). */
        final List<BaseXMPP> connections = new CopyOnWriteArrayList<>();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EchoApplication {
        @Bean
        Echo echo(XmppProperties properties) {
            return new Echo(STATES.computeIfAbsent(properties.getComponent().getReplicaId(),
                    id -> new ReplicaState()));
        }

        /** Notes when the read thread last took a stanza off the wire, whatever the handlers are doing. */
        @Bean
        XmppConnectionCustomizer arrivals(Echo echo) {
            return connection -> {
                echo.state.connections.add(connection);
                connection.addFilter(Direction.IN, stanza -> {
                    if (echo.state.frozen != null) {
                        echo.state.lastArrivalWhileFrozen = System.nanoTime();
                    }
                    return stanza;
                }, 0);
            };
        }
    }

    static final class Echo {
        final ReplicaState state;

        Echo(ReplicaState state) {
            this.state = state;
        }

        @StanzaHandler("message@type=chat/body")
        @Nullable String echo(Message request) throws InterruptedException {
            CountDownLatch frozen = state.frozen;
            if (frozen != null) {
                frozen.await();
            }
            if (state.dead) {
                return null; // what a crashed process does with what it had received
            }
            state.handled.incrementAndGet();
            HANDLED.add(String.valueOf(request.getBody()));
            return "re:" + request.getBody();
        }
    }

    private static @Nullable AutoCloseable servers;
    private static List<? extends LocalServer> nodes = List.of();
    private static final List<ClientXMPP> senders = new ArrayList<>();

    @BeforeAll
    static void startServerAndSenders() throws Exception {
        if (CLUSTER) {
            LocalEjabberdCluster cluster = LocalEjabberdCluster.start();
            servers = cluster;
            nodes = cluster.nodes();
        } else {
            LocalEjabberd server = LocalEjabberd.start();
            servers = server;
            nodes = List.of(server);
        }
        for (int i = 0; i < SENDERS; i++) {
            LocalServer node = nodes.get(i % nodes.size());
            // The host without archive, carbons or offline storage: the figures are the routing's, not the archive's.
            Jid jid = node.createUser(Jid.of("sender" + i + "@" + LocalServer.PERF_DOMAIN), PASSWORD);
            ClientXMPP sender = new ClientXMPP(node.clientConfig(jid, PASSWORD).build());
            countAnswers(sender);
            sender.registerPlugin(new DeliveryReceipts(ReceiptsConfig.DEFAULT.withTimeout(RECEIPT_TIMEOUT)));
            sender.connect().get(30, TimeUnit.SECONDS);
            senders.add(sender);
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (ClientXMPP sender : senders) {
            sender.disconnect().get(10, TimeUnit.SECONDS);
        }
        if (servers != null) {
            servers.close();
        }
    }

    /**
     * The replica answers everything that reached it before its closing tag. What ejabberd routes to it until it
     * has read that tag cannot be answered (nothing may follow the tag), and what it routes between reading the
     * tag and dropping the route never arrives (ejabberd 23.01 discards it with the connection's process): both
     * are counted, not asserted, since XEP-0114 gives a component no way to stop the routing before it closes.
     */
    @Test
    void aReplicaStoppedGracefullyAnswersEverythingThatReachedIt() throws Exception {
        Tally tally = run("graceful stop", 1, (replicas, round) -> replicas.stop(1));
        assertThat(tally.handledButNotAnswered()).isLessThanOrEqualTo(tally.receivedAfterClose());
        assertThat(tally.duplicated()).isZero();
    }

    @Test
    void aRollingRestartOfEveryReplicaAnswersEverythingThatReachedThem() throws Exception {
        Tally tally = run("rolling restart", 3, ComponentReplicas::restart);
        assertThat(tally.handledButNotAnswered()).isLessThanOrEqualTo(tally.receivedAfterClose());
        assertThat(tally.duplicated()).isZero();
    }

    /**
     * The recipe for senders that must not lose a request, proven across a rolling restart: ask for a receipt
     * (XEP-0184) and send again, with the same id, when none comes. Each request is then answered at least once.
     */
    @Test
    void sendersThatRetryWithoutAReceiptLoseNothingInARollingRestart() throws Exception {
        Tally tally = run("rolling restart, senders retrying", 3, true, ComponentReplicas::restart);
        assertThat(tally.lost()).isZero();
    }

    @Test
    void aFrozenReplicaStopsReceivingWithinTheStallTimeoutAndAnswersEverythingOnceItThaws() throws Exception {
        CountDownLatch thaw = new CountDownLatch(1);
        long[] frozenAt = new long[1];
        Tally tally = run("frozen handler", 1, (replicas, round) -> {
            ReplicaState state = STATES.get(ComponentReplicas.replicaId(1));
            frozenAt[0] = System.nanoTime();
            state.frozen = thaw;
            background(() -> {
                sleep(STALL.multipliedBy(4));
                state.frozen = null;
                thaw.countDown();
            });
        });
        ReplicaState frozen = STATES.get(ComponentReplicas.replicaId(1));
        long receivedFor = TimeUnit.NANOSECONDS.toMillis(frozen.lastArrivalWhileFrozen - frozenAt[0]);
        System.out.printf("frozen replica: last stanza taken off the wire %d ms after it froze (stall timeout %d ms)%n",
                receivedFor, STALL.toMillis());
        assertThat(frozen.lastArrivalWhileFrozen).as("stanzas reached it while frozen").isNotZero();
        assertThat(receivedFor).as("the server stops routing to it within the stall timeout and a tick of the watchdog")
                .isLessThan(STALL.multipliedBy(2).toMillis());
        // Even what arrived after its closing tag is answered, on the next connection; only what the server drops
        // while it takes the route down (as for any close) never arrives.
        assertThat(tally.handledButNotAnswered()).isZero();
        assertThat(tally.duplicated()).isZero();
    }

    @Test
    void aCrashedReplicaLosesOnlyWhatItHeld() throws Exception {
        Tally tally = run("crash", 1, (replicas, round) -> {
            STATES.get(ComponentReplicas.replicaId(1)).dead = true;
            replicas.component(1).abort("crashed");
            replicas.stop(1);
        });
        assertThat(tally.lost()).as("bounded by what was on its way to one replica").isLessThan(MESSAGES / 3);
    }

    // =================================================================== the run

    /** Something done to the replicas during a run, in rounds spread evenly over it. */
    interface Disruption {
        void apply(ComponentReplicas replicas, int round) throws Exception;
    }

    /** Numbers the runs, so that a late answer to one run's request is never taken for another's. */
    private static final AtomicInteger runs = new AtomicInteger();

    /** The run in progress: every sender's answers go to it. */
    private static volatile Tally current = new Tally();

    private static void countAnswers(ClientXMPP sender) {
        sender.addEventHandler("message", data -> {
            String body = ((Message) data).getBody();
            if (body != null && body.startsWith("re:")) {
                current.answered(body.substring(3));
            }
        });
    }

    private Tally run(String scenario, int rounds, Disruption disruption) throws Exception {
        return run(scenario, rounds, false, disruption);
    }

    /** @param retrying whether senders send each request until its receipt comes (at most 5 times) */
    private Tally run(String scenario, int rounds, boolean retrying, Disruption disruption) throws Exception {
        STATES.clear();
        HANDLED.clear();
        Tally tally = new Tally();
        current = tally;
        try (ComponentReplicas replicas = ComponentReplicas.start(3, nodes, EchoApplication.class,
                "xmpp.event-queue.stall-timeout=" + STALL.toMillis() + "ms",
                "logging.level.org.springframework=warn")) {
            long pauseNanos = TimeUnit.SECONDS.toNanos(1) / RATE;
            long start = System.nanoTime();
            int round = 0;
            String prefix = "run" + runs.incrementAndGet() + "-";
            for (int n = 0; n < MESSAGES; n++) {
                if (round < rounds && n == MESSAGES * (round + 1) / (rounds + 1)) {
                    int r = round++;
                    background(() -> {
                        try {
                            disruption.apply(replicas, r);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                ClientXMPP sender = senders.get(n % senders.size());
                String body = prefix + n;
                tally.sent.put(body, System.nanoTime());
                Message request = sender.makeMessage(Jid.of("echo@" + LocalServer.COMPONENT_DOMAIN), body,
                        Message.Type.CHAT);
                if (retrying) {
                    sender.plugin(DeliveryReceipts.class).sendUntilReceived(request, 5);
                } else {
                    request.send();
                }
                long wait = start + (n + 1) * pauseNanos - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            tally.sendingTook = Duration.ofNanos(System.nanoTime() - start);
            // A retrying sender's last attempts come after 2 + 4 + 8 s without a receipt.
            tally.awaitQuiet(Duration.ofSeconds(retrying ? 20 : 10));
        }
        tally.print(scenario);
        return tally;
    }

    private static void background(Runnable task) {
        Thread thread = new Thread(task, "replicas-disruption");
        thread.setDaemon(true);
        thread.start();
    }

    /** Requests sent, answers received, and when. */
    static final class Tally {
        final Map<String, Long> sent = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        volatile long lastAnswer = System.nanoTime();
        volatile Duration sendingTook = Duration.ZERO;

        void answered(String body) {
            long now = System.nanoTime();
            lastAnswer = now;
            if (answers.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet() == 1) {
                Long at = sent.get(body);
                if (at != null) {
                    latencies.add(now - at);
                }
            }
        }

        void awaitQuiet(Duration quiet) throws InterruptedException {
            while (answers.size() < sent.size() && System.nanoTime() - lastAnswer < quiet.toNanos()) {
                Thread.sleep(50);
            }
        }

        long lost() {
            return sent.keySet().stream().filter(b -> !answers.containsKey(b)).count();
        }

        /** Requests a handler answered whose answer never came: lost on our side, after the handler. */
        long handledButNotAnswered() {
            return HANDLED.stream().filter(body -> !answers.containsKey(body)).count();
        }

        long receivedAfterClose() {
            return STATES.values().stream().flatMap(state -> state.connections.stream())
                    .mapToLong(BaseXMPP::stanzasReceivedAfterClose).sum();
        }


        long duplicated() {
            return answers.values().stream().filter(c -> c.get() > 1).count();
        }

        void print(String scenario) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            Map<String, Integer> split = new TreeMap<>();
            STATES.forEach((id, state) -> split.put(id, state.handled.get()));
            System.out.printf("%s (%s, %d requests from %d senders at %d/s, sent in %d ms): lost %d, duplicated %d, "
                    + "never reached a replica %d, handled but not answered %d (arrived after the close %d), "
                    + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; handled per replica %s%n", scenario,
                    CLUSTER ? "two-node cluster" : "one node", sent.size(), SENDERS, RATE, sendingTook.toMillis(),
                    lost(), duplicated(), sent.size() - HANDLED.size(), handledButNotAnswered(), receivedAfterClose(),
                    percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0), split);
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
