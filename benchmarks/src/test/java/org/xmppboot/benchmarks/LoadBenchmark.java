package org.xmppboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamThreads;
import org.xmppboot.test.LocalProsody;
import org.xmppboot.test.LocalServer;

/**
 * Many concurrent {@link ClientXMPP} connections from one JVM to one local Prosody (SASL ANONYMOUS on
 * {@link LocalServer#ANONYMOUS_DOMAIN}): all connect at once, then each sends {@code M} chat messages to the next
 * one in a ring and receives as many. Measured per round: the time until every session has started, messages
 * delivered and lost, heap per connection (used heap after GC, over the connections), platform and virtual
 * threads, and CPU, this JVM's and Prosody's. Rounds run with platform threads, then with virtual threads when
 * the runtime has them (Java 21+); medians are printed. {@link SlowConsumerScenario} follows: one connection with
 * a slow handler, flooded by all the others.
 *
 * <p>Run: {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -q -pl benchmarks exec:exec@load-benchmark}.
 * System properties: {@code load.connections} (1000), {@code load.messages} (20 per connection),
 * {@code load.rounds} (3, after one warm-up round), {@code load.slowConsumer} (true).
 */
public final class LoadBenchmark {

    static final int CONNECTIONS = Integer.getInteger("load.connections", 1000);
    private static final int MESSAGES = Integer.getInteger("load.messages", 20);
    private static final int ROUNDS = Integer.getInteger("load.rounds", 3);
    private static final Duration CONNECT_DEADLINE = Duration.ofMinutes(3);
    /** Delivery is over when nothing more arrives for this long. */
    private static final Duration QUIET = Duration.ofSeconds(15);

    /** One measured round. */
    record Round(int connected, double connectSeconds, double sessionP50Ms, double sessionP99Ms,
            double cpuMsPerConnection, double serverCpuMsPerConnection, long delivered, long lost,
            double messagesPerSecond, double cpuUsPerMessage, double serverCpuUsPerMessage,
            double heapKbPerConnection, double heapBeforeMb, double heapConnectedMb, int platformThreads,
            int virtualThreads, int threadsLeft, int tlsSessionsCached, String failures) {
    }

    public static void main(String[] args) throws Exception {
        try (LocalProsody server = LocalProsody.start()) {
            Optional<ProcessHandle> prosody = LoadProbes.prosody();
            System.out.printf(Locale.ROOT, "JVM %s %s, %d cores, max heap %d MB; Prosody started in %d ms%n",
                    System.getProperty("java.vm.name"), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, server.startupTime().toMillis());
            System.out.printf(Locale.ROOT, "open files limit: this JVM %s, Prosody %s; %d connections, %d messages "
                    + "each, %d rounds after a warm-up%n", LoadProbes.ownOpenFilesLimit(),
                    LoadProbes.openFilesLimit(prosody), CONNECTIONS, MESSAGES, ROUNDS);
            warnIfTooFewFiles(LoadProbes.ownOpenFilesLimit(), "this JVM");
            warnIfTooFewFiles(LoadProbes.openFilesLimit(prosody), "Prosody");
            List<Boolean> variants = StreamThreads.virtualThreadsAvailable() ? List.of(false, true) : List.of(false);
            if (variants.size() == 1) {
                System.out.println("(no virtual threads on Java " + Runtime.version().feature()
                        + ": platform threads only)");
            }
            for (boolean virtual : variants) {
                String label = virtual ? "virtual threads" : "platform threads";
                System.out.printf(Locale.ROOT, "%n== %s ==%n", label);
                print("warm-up", round(server, prosody, virtual, "w"));
                Round[] rounds = new Round[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    rounds[r] = round(server, prosody, virtual, String.valueOf(r + 1));
                    print("round " + (r + 1), rounds[r]);
                }
                summary(label, rounds);
            }
            if (Boolean.parseBoolean(System.getProperty("load.slowConsumer", "true"))) {
                SlowConsumerScenario.run(server, prosody);
            }
        }
        System.exit(0);
    }

    /**
     * Each connection holds a socket on both sides. The JVM raises its soft limit to the hard one at start-up, and
     * Prosody inherits it, so only a low hard limit ({@code ulimit -Hn}) gets in the way.
     */
    private static void warnIfTooFewFiles(String limit, String who) {
        if (limit.chars().allMatch(Character::isDigit) && Long.parseLong(limit) < CONNECTIONS + 200L) {
            System.out.printf(Locale.ROOT, "WARNING: %s may open only %s files, too few for %d connections: raise "
                    + "the limit (ulimit -n, as root also -Hn) in the shell that starts the benchmark%n", who, limit,
                    CONNECTIONS);
        }
    }

    // =================================================================== one round

    private static Round round(LocalProsody server, Optional<ProcessHandle> prosody, boolean virtual, String round)
            throws Exception {
        String prefix = "load-" + (virtual ? "v" : "p") + round + "-";
        long heap0 = LoadProbes.usedHeapAfterGc();
        int threads0 = LoadProbes.platformThreads();
        long cpu0 = LoadProbes.cpuNanos();
        long serverCpu0 = LoadProbes.cpuNanos(prosody);

        List<ClientXMPP> clients = new ArrayList<>(CONNECTIONS);
        LongAdder received = new LongAdder();
        LongAdder errors = new LongAdder();
        LongAdder dropped = new LongAdder();
        for (int i = 0; i < CONNECTIONS; i++) {
            ClientXMPP client = client(server, prefix + i, virtual, StreamConfig.defaults().eventQueueCapacity());
            client.addEventHandler("message", data -> received.increment());
            client.addEventHandler("message_error", data -> errors.increment());
            client.addEventHandler("disconnected", data -> {
                if (!client.isClosed()) {
                    dropped.increment();
                }
            });
            clients.add(client);
        }
        Connected connected = connectAll(clients);
        long cpu1 = LoadProbes.cpuNanos();
        long serverCpu1 = LoadProbes.cpuNanos(prosody);

        List<ClientXMPP> up = connected.clients();
        long expected = (long) up.size() * MESSAGES;
        long t0 = System.nanoTime();
        for (int m = 0; m < MESSAGES; m++) {
            for (int i = 0; i < up.size(); i++) {
                ClientXMPP from = up.get(i);
                from.send(from.makeMessage(up.get((i + 1) % up.size()).boundJid(), "message " + m + " from " + i,
                        Message.Type.CHAT));
            }
        }
        long deliveredAt = awaitCount(received, expected);
        double seconds = (deliveredAt - t0) / 1e9;
        long cpu2 = LoadProbes.cpuNanos();
        long serverCpu2 = LoadProbes.cpuNanos(prosody);

        long heap1 = LoadProbes.usedHeapAfterGc();
        int threads1 = LoadProbes.platformThreads();
        int virtualThreads = virtual ? LoadProbes.virtualThreads(prefix) : 0;
        int left = disconnectAll(clients, prefix);

        int n = Math.max(1, up.size());
        long delivered = received.sum();
        String failures = connected.failures().isEmpty() ? ""
                : connected.failures().toString();
        if (dropped.sum() > 0 || errors.sum() > 0) {
            failures += " dropped=" + dropped.sum() + " errors=" + errors.sum();
        }
        return new Round(up.size(), connected.seconds(), connected.p50Ms(), connected.p99Ms(),
                (cpu1 - cpu0) / 1e6 / n, serverCpu0 < 0 ? -1 : (serverCpu1 - serverCpu0) / 1e6 / n,
                delivered, expected - delivered, delivered == 0 ? 0 : delivered / seconds,
                delivered == 0 ? 0 : (cpu2 - cpu1) / 1e3 / delivered,
                serverCpu0 < 0 || delivered == 0 ? -1 : (serverCpu2 - serverCpu1) / 1e3 / delivered,
                (heap1 - heap0) / 1024.0 / n, heap0 / 1048576.0, heap1 / 1048576.0, threads1 - threads0,
                virtualThreads, left, tlsSessionsCached(server), failures);
    }

    /**
     * Sessions in the JDK's client session cache of the server's SSLContext, which every client shares. With TLS
     * 1.3 each connection leaves two or three (Prosody sends session tickets), up to the cache's size (20,480
     * by default): part of the heap a round adds, and not given back when its connections close.
     */
    private static int tlsSessionsCached(LocalProsody server) {
        return Collections.list(server.sslContext().getClientSessionContext().getIds()).size();
    }

    // =================================================================== shared with the slow consumer

    /** An anonymous client: no roster fetch (anonymous accounts have none), no reconnection (the server's default). */
    static ClientXMPP client(LocalProsody server, String name, boolean virtual, int eventQueueCapacity) {
        return new ClientXMPP(server.clientConfig(Jid.of(LocalServer.ANONYMOUS_DOMAIN), null)
                .fetchRoster(false)
                .stream(StreamConfig.defaults().withName(name).withVirtualThreads(virtual)
                        .withEventQueueCapacity(eventQueueCapacity))
                .build());
    }

    /** Which clients got a session, how long all took, and why the others did not. */
    record Connected(List<ClientXMPP> clients, double seconds, double p50Ms, double p99Ms,
            Map<String, Integer> failures) {
    }

    /** Connects every client at once and waits for every session (or failure). */
    static Connected connectAll(List<ClientXMPP> clients) throws InterruptedException {
        int n = clients.size();
        AtomicLongArray doneAt = new AtomicLongArray(n);
        List<CompletableFuture<Jid>> sessions = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int k = i;
            sessions.add(clients.get(i).connect().whenComplete((jid, e) -> doneAt.set(k, System.nanoTime())));
        }
        long deadline = t0 + CONNECT_DEADLINE.toNanos();
        List<ClientXMPP> up = new ArrayList<>(n);
        Map<String, Integer> failures = new TreeMap<>();
        long[] millis = new long[n];
        int ok = 0;
        long last = t0;
        for (int i = 0; i < n; i++) {
            try {
                sessions.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                up.add(clients.get(i));
                millis[ok++] = (doneAt.get(i) - t0) / 1_000_000;
                last = Math.max(last, doneAt.get(i));
            } catch (ExecutionException e) {
                failures.merge(String.valueOf(e.getCause()), 1, Integer::sum);
            } catch (TimeoutException e) {
                failures.merge("no session within " + CONNECT_DEADLINE, 1, Integer::sum);
            }
        }
        long[] sorted = Arrays.copyOf(millis, ok);
        Arrays.sort(sorted);
        return new Connected(up, (last - t0) / 1e9, ok == 0 ? -1 : sorted[ok / 2],
                ok == 0 ? -1 : sorted[Math.min(ok - 1, (int) (ok * 0.99))], failures);
    }

    /** Waits until {@code counter} reaches {@code expected} or stops moving; returns when it last moved. */
    static long awaitCount(LongAdder counter, long expected) throws InterruptedException {
        long lastValue = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long value = counter.sum();
            long now = System.nanoTime();
            if (value != lastValue) {
                lastValue = value;
                lastChange = now;
            }
            if (value >= expected || now - lastChange > QUIET.toNanos()) {
                return lastChange;
            }
            Thread.sleep(5);
        }
    }

    /**
     * Disconnects every client and waits (up to 20 s) for no thread of these streams (named {@code prefix...}),
     * platform or virtual, to be left; returns how many are, and prints their names.
     */
    static int disconnectAll(List<ClientXMPP> clients, String prefix) throws InterruptedException {
        List<CompletableFuture<Void>> closing = new ArrayList<>(clients.size());
        for (ClientXMPP client : clients) {
            closing.add(client.disconnect());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("  disconnect: " + e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> platform;
        int virtual;
        do {
            Thread.sleep(200);
            platform = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(name -> name.startsWith(prefix)).sorted().toList();
            virtual = Math.max(0, LoadProbes.virtualThreads(prefix));
        } while (platform.size() + virtual > 0 && System.nanoTime() < deadline);
        if (!platform.isEmpty() || virtual > 0) {
            System.out.println("  left after disconnect: " + virtual + " virtual, platform " + platform);
        }
        // A connection's close timer holds it for closeTimeout after a clean close: wait that out, so that the
        // next round's baseline heap does not include this round's connections.
        Thread.sleep(StreamConfig.defaults().closeTimeout().toMillis() + 1000);
        return platform.size() + virtual;
    }

    // =================================================================== reporting

    private static void print(String name, Round r) {
        System.out.printf(Locale.ROOT, "%-8s connected %d in %.2f s (session p50 %.0f ms, p99 %.0f ms), CPU %.2f ms"
                + "/conn (server %.2f); messages %d delivered, %d lost, %.0f/s, CPU %.1f µs/msg (server %.1f); "
                + "heap %.1f KB/conn (%.1f -> %.1f MB); threads +%d platform, %d virtual; left after close %d; "
                + "TLS sessions cached %d %s%n", name, r.connected, r.connectSeconds, r.sessionP50Ms, r.sessionP99Ms,
                r.cpuMsPerConnection, r.serverCpuMsPerConnection, r.delivered, r.lost, r.messagesPerSecond,
                r.cpuUsPerMessage, r.serverCpuUsPerMessage, r.heapKbPerConnection, r.heapBeforeMb,
                r.heapConnectedMb, r.platformThreads, r.virtualThreads, r.threadsLeft, r.tlsSessionsCached,
                r.failures);
    }

    private static void summary(String label, Round[] rounds) {
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds, %s:%n", rounds.length, label);
        row("connections established", rounds, r -> r.connected, "%.0f");
        row("connect all, s", rounds, r -> r.connectSeconds, "%.2f");
        row("session start p50, ms", rounds, r -> r.sessionP50Ms, "%.0f");
        row("session start p99, ms", rounds, r -> r.sessionP99Ms, "%.0f");
        row("client CPU per connect, ms", rounds, r -> r.cpuMsPerConnection, "%.2f");
        row("server CPU per connect, ms", rounds, r -> r.serverCpuMsPerConnection, "%.2f");
        row("messages delivered", rounds, r -> r.delivered, "%.0f");
        row("messages lost", rounds, r -> r.lost, "%.0f");
        row("messages/s", rounds, r -> r.messagesPerSecond, "%.0f");
        row("client CPU per message, µs", rounds, r -> r.cpuUsPerMessage, "%.1f");
        row("server CPU per message, µs", rounds, r -> r.serverCpuUsPerMessage, "%.1f");
        row("heap per connection, KB", rounds, r -> r.heapKbPerConnection, "%.1f");
        row("platform threads (added)", rounds, r -> r.platformThreads, "%.0f");
        row("virtual threads", rounds, r -> r.virtualThreads, "%.0f");
        row("threads left after disconnect", rounds, r -> r.threadsLeft, "%.0f");
    }

    private static void row(String name, Round[] rounds, ToDoubleFunction<Round> value, String format) {
        double[] values = Arrays.stream(rounds).mapToDouble(value).sorted().toArray();
        StringBuilder all = new StringBuilder();
        for (Round r : rounds) {
            all.append(all.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, format,
                    value.applyAsDouble(r)));
        }
        System.out.printf(Locale.ROOT, "  %-32s %12s   (rounds: %s)%n", name,
                String.format(Locale.ROOT, format, values[values.length / 2]), all);
    }
}
