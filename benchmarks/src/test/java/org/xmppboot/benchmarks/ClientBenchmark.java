package org.xmppboot.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;


import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamThreads;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.test.LocalProsody;
import org.xmppboot.test.NoDelaySocketFactory;

/**
 * Our {@link ClientXMPP} and Smack side by side, in one JVM, against one local Prosody: message throughput
 * (with the client JVM's CPU time per message), request/reply latency through the server, and the cost of
 * idle connections. Each measured workload runs several rounds, alternating which library goes first; the
 * figures printed are medians. Smack gets a socket factory that turns Nagle off, as ours does.
 *
 * <p>Run: {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -q -pl benchmarks exec:exec@client-benchmark}
 */
public final class ClientBenchmark {

    private static final int MESSAGES = 20_000;
    private static final int ROUND_TRIPS = 2_000;
    private static final int IDLE = 200;
    private static final int ROUNDS = 5;
    private static final String PASSWORD = "benchmark";

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One library's pair of connected clients. */
    private interface Pair extends AutoCloseable {
        /** Sends {@code n} chat messages from A to B and returns when B has received them all. */
        void flood(int n) throws Exception;

        /** A sends, B answers, A receives: the round trip times in nanoseconds. */
        long[] pingPong(int n) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        try (LocalProsody server = LocalProsody.start()) {
            System.out.printf(Locale.ROOT, "Prosody started in %d ms%n", server.startupTime().toMillis());
            System.out.printf(Locale.ROOT, "JVM %s %s, %d cores%n", System.getProperty("java.vm.name"),
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
            Pair ours = new OursPair(server);
            Pair smack = new SmackPair(server);

            // Warm-up: both libraries' code paths compiled before anything counts.
            for (int i = 0; i < 3; i++) {
                ours.flood(MESSAGES);
                smack.flood(MESSAGES);
                ours.pingPong(ROUND_TRIPS / 2);
                smack.pingPong(ROUND_TRIPS / 2);
            }

            double[][] rate = new double[2][ROUNDS];
            double[][] cpu = new double[2][ROUNDS];
            double[][] p50 = new double[2][ROUNDS];
            double[][] p99 = new double[2][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                Pair[] order = round % 2 == 0 ? new Pair[] {ours, smack} : new Pair[] {smack, ours};
                for (Pair pair : order) {
                    int k = pair == ours ? 0 : 1;
                    long cpu0 = OS.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    pair.flood(MESSAGES);
                    long elapsed = System.nanoTime() - t0;
                    rate[k][round] = MESSAGES / (elapsed / 1e9);
                    cpu[k][round] = (OS.getProcessCpuTime() - cpu0) / 1e3 / MESSAGES;
                    long[] rtt = pair.pingPong(ROUND_TRIPS);
                    Arrays.sort(rtt);
                    p50[k][round] = rtt[rtt.length / 2] / 1e3;
                    p99[k][round] = rtt[(int) (rtt.length * 0.99)] / 1e3;
                }
            }
            ours.close();
            smack.close();

            System.out.printf(Locale.ROOT, "%n%-44s %12s %12s %10s%n", "workload (median of " + ROUNDS + " rounds)",
                    "xmpp-boot", "Smack 4.4.8", "ratio");
            row("(1) throughput, messages/s (higher is better)", median(rate[0]), median(rate[1]));
            row("(1) client CPU per message, µs (lower)", median(cpu[0]), median(cpu[1]));
            row("(2) round trip p50, µs (lower)", median(p50[0]), median(p50[1]));
            row("(2) round trip p99, µs (lower)", median(p99[0]), median(p99[1]));
            rounds("messages/s", rate);
            rounds("CPU µs/message", cpu);

            IdleCost smackIdle = idle(() -> smackIdleClient(server));
            IdleCost oursIdle = idle(() -> ourIdleClient(server, false));
            IdleCost oursVirtual = StreamThreads.virtualThreadsAvailable()
                    ? idle(() -> ourIdleClient(server, true)) : null;
            row("(3) heap per idle connection, KB (lower)", oursIdle.heapKb, smackIdle.heapKb);
            row("(3) platform threads per idle connection", oursIdle.threads, smackIdle.threads);
            if (oursVirtual != null) {
                row("(3) same, ours with virtual threads: heap KB", oursVirtual.heapKb, smackIdle.heapKb);
                row("(3) same, ours with virtual threads: threads", oursVirtual.threads, smackIdle.threads);
            }
        }
        System.exit(0);
    }

    private static void rounds(String name, double[][] values) {
        System.out.printf(Locale.ROOT, "  %s per round: xmpp-boot %s, Smack %s%n", name, format(values[0]),
                format(values[1]));
    }

    private static String format(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", v));
        }
        return sb.toString();
    }

    private static void row(String name, double ours, double smack) {
        System.out.printf(Locale.ROOT, "%-44s %12.1f %12.1f %10.2f%n", name, ours, smack, ours / smack);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // =================================================================== ours

    private static final class OursPair implements Pair {
        private final ClientXMPP a;
        private final ClientXMPP b;
        private final AtomicReference<CountDownLatch> received = new AtomicReference<>(new CountDownLatch(0));
        private final BlockingQueue<Long> pongs = new ArrayBlockingQueue<>(1);

        OursPair(LocalProsody server) throws Exception {
            a = connect(server, "ours-a");
            b = connect(server, "ours-b");
            b.registerHandler(StreamHandler.of("flood", Matcher.stanzaPath("message@type=chat/body"), s -> {
                org.xmppboot.stanza.Message m = (org.xmppboot.stanza.Message) s;
                if (m.getBody().startsWith("ping")) {
                    m.reply("pong").send();
                } else {
                    received.get().countDown();
                }
            }));
            a.registerHandler(StreamHandler.of("pong", Matcher.stanzaPath("message@type=chat/body"),
                    s -> pongs.add(System.nanoTime())));
        }

        private static ClientXMPP connect(LocalProsody server, String name) throws Exception {
            Jid jid = server.createUser(Jid.of(name, LocalProsody.PERF_DOMAIN, null), PASSWORD);
            ClientXMPP client = new ClientXMPP(server.clientConfig(jid, PASSWORD)
                    .stream(StreamConfig.defaults().withName(name)).build());
            client.connect().get(15, TimeUnit.SECONDS);
            return client;
        }

        @Override
        public void flood(int n) throws Exception {
            CountDownLatch done = new CountDownLatch(n);
            received.set(done);
            Jid to = b.boundJid();
            for (int i = 0; i < n; i++) {
                a.send(a.makeMessage(to, "message " + i, org.xmppboot.stanza.Message.Type.CHAT));
            }
            if (!done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("ours: " + done.getCount() + " messages missing");
            }
        }

        @Override
        public long[] pingPong(int n) throws Exception {
            long[] rtt = new long[n];
            Jid to = b.boundJid();
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                a.send(a.makeMessage(to, "ping " + i, org.xmppboot.stanza.Message.Type.CHAT));
                Long end = pongs.poll(10, TimeUnit.SECONDS);
                if (end == null) {
                    throw new IllegalStateException("ours: no pong");
                }
                rtt[i] = end - start;
            }
            return rtt;
        }

        @Override
        public void close() throws Exception {
            a.disconnect().get(15, TimeUnit.SECONDS);
            b.disconnect().get(15, TimeUnit.SECONDS);
        }
    }

    // =================================================================== Smack


    private static final class SmackPair implements Pair {
        private final XMPPTCPConnection a;
        private final XMPPTCPConnection b;
        private final AtomicReference<CountDownLatch> received = new AtomicReference<>(new CountDownLatch(0));
        private final BlockingQueue<Long> pongs = new ArrayBlockingQueue<>(1);

        SmackPair(LocalProsody server) throws Exception {
            a = connect(server, "smack-a");
            b = connect(server, "smack-b");
            b.addSyncStanzaListener(s -> {
                Message m = (Message) s;
                if (m.getBody().startsWith("ping")) {
                    try {
                        b.sendStanza(b.getStanzaFactory().buildMessageStanza().to(m.getFrom())
                                .ofType(Message.Type.chat).setBody("pong").build());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    received.get().countDown();
                }
            }, MessageTypeFilter.CHAT);
            a.addSyncStanzaListener(s -> pongs.add(System.nanoTime()), MessageTypeFilter.CHAT);
        }

        private static XMPPTCPConnection connect(LocalProsody server, String name) throws Exception {
            server.createUser(Jid.of(name, LocalProsody.PERF_DOMAIN, null), PASSWORD);
            XMPPTCPConnection connection = new XMPPTCPConnection(smackConfig(server, LocalProsody.PERF_DOMAIN)
                    .setUsernameAndPassword(name, PASSWORD).setResource("bench").build());
            connection.connect().login();
            return connection;
        }

        @Override
        public void flood(int n) throws Exception {
            CountDownLatch done = new CountDownLatch(n);
            received.set(done);
            EntityBareJid to = b.getUser().asEntityBareJid();
            org.jxmpp.jid.Jid full = JidCreate.from(to + "/bench");
            for (int i = 0; i < n; i++) {
                a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(full).ofType(Message.Type.chat)
                        .setBody("message " + i).build());
            }
            if (!done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Smack: " + done.getCount() + " messages missing");
            }
        }

        @Override
        public long[] pingPong(int n) throws Exception {
            long[] rtt = new long[n];
            org.jxmpp.jid.Jid full = JidCreate.from(b.getUser().asEntityBareJid() + "/bench");
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(full).ofType(Message.Type.chat)
                        .setBody("ping " + i).build());
                Long end = pongs.poll(10, TimeUnit.SECONDS);
                if (end == null) {
                    throw new IllegalStateException("Smack: no pong");
                }
                rtt[i] = end - start;
            }
            return rtt;
        }

        @Override
        public void close() {
            a.disconnect();
            b.disconnect();
        }
    }

    private static XMPPTCPConnectionConfiguration.Builder smackConfig(LocalProsody server, String domain)
            throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHost(server.host())
                .setPort(server.c2sPort())
                .setCustomX509TrustManager(server.trustManager())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setSocketFactory(new NoDelaySocketFactory());
    }

    // =================================================================== idle connections

    private record IdleCost(double heapKb, double threads) {
    }

    @FunctionalInterface
    private interface Opener {
        AutoCloseable open() throws Exception;
    }

    private static IdleCost idle(Opener opener) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long heap0 = usedHeapAfterGc(memory);
        int threads0 = threads.getThreadCount();
        List<AutoCloseable> open = new ArrayList<>();
        for (int i = 0; i < IDLE; i++) {
            open.add(opener.open());
        }
        Thread.sleep(1000);
        long heap1 = usedHeapAfterGc(memory);
        int threads1 = threads.getThreadCount();
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
        Thread.sleep(5000); // past every close timeout, so nothing of these connections is left for the next
        return new IdleCost((heap1 - heap0) / 1024.0 / IDLE, (threads1 - threads0) / (double) IDLE);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static AutoCloseable ourIdleClient(LocalProsody server, boolean virtual) throws Exception {
        ClientConfig config = server.clientConfig(Jid.of(LocalProsody.ANONYMOUS_DOMAIN), null)
                .fetchRoster(false)
                .stream(StreamConfig.defaults().withName("idle").withVirtualThreads(virtual))
                .build();
        ClientXMPP client = new ClientXMPP(config);
        client.connect().get(15, TimeUnit.SECONDS);
        return () -> client.disconnect().get(15, TimeUnit.SECONDS);
    }

    private static AutoCloseable smackIdleClient(LocalProsody server) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(smackConfig(server, LocalProsody.ANONYMOUS_DOMAIN)
                .performSaslAnonymousAuthentication().build());
        connection.connect().login();
        return connection::disconnect;
    }
}
