package org.xmppboot.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppboot.stream.TestTls;
import org.xmppboot.stream.UncaughtExceptions;

/**
 * A ClientXMPP against a hostile server, over real loopback sockets (plain TCP and STARTTLS or direct TLS), in
 * thousands of generated cases: broken encodings, byte-order marks, DTDs and entities, deep nesting, never-ending
 * elements, huge attributes, floods, slow drips, every stream error condition, garbage after the stream's end,
 * broken headers, truncated TLS, messages spoofing the client's own JID and peers that stop reading, each at one
 * stage of negotiation and followed by one of the server's last acts (see {@link Payload.After}).
 *
 * <p>Every case must end within its bound, in a stream error from the client or a close (see {@link CaseRunner}
 * for everything checked per case). Across the run: no thread dies by an uncaught throwable, the JVM has no more
 * threads at the end than at the start, and no more heap (after GC) than a margin.
 *
 * <p>The default run is short. {@code -Dxmpp.hostile.cases=5000} runs a long one; {@code -Dxmpp.hostile.seed}
 * changes the cases (the seed is printed), {@code -Dxmpp.hostile.only=17,230} replays single cases,
 * {@code -Dxmpp.hostile.verbose=true} prints every case with its outcome, and {@code -Dxmpp.hostile.workers} sets
 * how many cases run at once.
 */
class HostilePeerTest {

    private static final long SEED = Long.getLong("xmpp.hostile.seed", 20261130L);
    private static final int CASES = Integer.getInteger("xmpp.hostile.cases", 150);
    private static final int WORKERS = Integer.getInteger("xmpp.hostile.workers", 4);
    private static final @Nullable String ONLY = System.getProperty("xmpp.hostile.only");
    private static final boolean VERBOSE = Boolean.getBoolean("xmpp.hostile.verbose");
    /** What a run may leave on the heap: the JIT's and the JDK's own caches, not connections. */
    private static final long HEAP_MARGIN = 32L * 1024 * 1024;
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    @Test
    void everyCaseEndsWithinItsBoundInAStreamErrorOrACloseAndLeavesNothingBehind() throws Exception {
        Path certificate = certificate();
        SSLContext serverTls = certificate == null ? null : TestTls.serverContext(certificate);
        List<Integer> indexes = indexes();
        int threadsBefore = streamThreadCount();
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();

        Tally tally = new Tally();
        List<String> uncaught;
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "watchdog"));
        AtomicInteger workerIds = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS,
                r -> daemon(r, "worker-" + workerIds.incrementAndGet()));
        try (UncaughtExceptions watching = UncaughtExceptions.install()) {
            CaseRunner runner = new CaseRunner(serverTls, certificate, watchdog);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                running.add(workers.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < indexes.size()) {
                        HostileCase c = HostileCase.generate(SEED, indexes.get(i), certificate != null);
                        try {
                            CaseRunner.Result result = runner.run(c);
                            tally.add(result);
                            if (VERBOSE) {
                                System.out.println("CASE " + c + " -> " + result.outcome() + " in "
                                        + result.endMillis() + " ms " + result.failures());
                            }
                        } catch (Exception e) {
                            tally.add(new CaseRunner.Result(c, "runner failed", -1, 0, List.of(e.toString())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            uncaught = watching.seen();
        } finally {
            workers.shutdownNow();
            watchdog.shutdownNow();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        int threadsAfter = settledThreadCount(threadsBefore);
        long heapAfter = usedHeapAfterGc();
        System.out.println(tally.report(String.format("Hostile peer run: seed %d, %d workers, %d s", SEED, WORKERS,
                seconds)) + String.format("%nThreads (besides the JVM-wide timer and completion pool): %d before,"
                + " %d after; heap used after GC: %d MiB before, %d MiB after; uncaught: %d%n", threadsBefore,
                threadsAfter, heapBefore >> 20, heapAfter >> 20, uncaught.size()));

        List<String> failures = new ArrayList<>();
        for (CaseRunner.Result r : tally.failures()) {
            failures.add(r.description() + " -> " + r.outcome() + ": " + r.failures());
        }
        assertThat(tally.size()).isEqualTo(indexes.size());
        assertThat(failures).as("failed cases (replay one with -Dxmpp.hostile.seed=%d -Dxmpp.hostile.only=N)", SEED)
                .isEmpty();
        assertThat(uncaught).as("threads ended by an uncaught throwable").isEmpty();
        assertThat(threadsAfter).as("live threads after the run").isLessThanOrEqualTo(threadsBefore);
        assertThat(heapAfter - heapBefore).as("heap growth after GC").isLessThan(HEAP_MARGIN);
    }

    /**
     * The hardest close: a peer that stops reading while the client writes, over TLS, where closing the socket sends
     * close_notify, a write that would wait behind the blocked one for ever. disconnect() must still end it within
     * the close timeout.
     */
    @Test
    void aTlsPeerThatStopsReadingCannotHoldTheClient() throws Exception {
        Path certificate = certificate();
        assumeTrue(certificate != null, "openssl makes the test certificate");
        byte[] echoed = ("<message type='chat' from='friend@example.org/r'><body>" + "z".repeat(4096)
                + "</body></message>").repeat(3000).getBytes(StandardCharsets.UTF_8);
        HostileCase c = new HostileCase(-1, HostileCase.Category.HALF_OPEN, HostileCase.Stage.SESSION, true, false,
                new Payload(echoed, new byte[0], Payload.Delivery.WHOLE, Payload.After.STOP_READING, false, false,
                        "12 MB of echoed messages over TLS to a peer that stops reading"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "watchdog"));
        try (UncaughtExceptions watching = UncaughtExceptions.install()) {
            CaseRunner.Result result = new CaseRunner(TestTls.serverContext(certificate), certificate, watchdog).run(c);
            assertThat(result.failures()).isEmpty();
            assertThat(result.outcome()).endsWith("on disconnect()");
            assertThat(result.endMillis()).isLessThan(CaseRunner.CLOSE_TIMEOUT.toMillis() + 1500);
            assertThat(watching.seen()).isEmpty();
        } finally {
            watchdog.shutdownNow();
        }
    }

    private static List<Integer> indexes() {
        List<Integer> indexes = new ArrayList<>();
        if (ONLY != null && !ONLY.isBlank()) {
            for (String n : ONLY.split(",")) {
                indexes.add(Integer.parseInt(n.trim()));
            }
        } else {
            for (int i = 0; i < CASES; i++) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    private static @Nullable Path madeCertificate;
    private static boolean certificateTried;

    /** A certificate for the fake server's domain (made once), or null (no TLS cases) where openssl is missing. */
    private static synchronized @Nullable Path certificate() {
        if (!certificateTried) {
            certificateTried = true;
            try {
                madeCertificate = TestTls.selfSigned(dir, FakeServer.DOMAIN);
            } catch (Exception | AssertionError e) {
                System.out.println("No TLS cases: cannot make a certificate (" + e + ")");
            }
        }
        return madeCertificate;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "hostile-test-" + name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Live threads, leaving out the JVM-wide ones that come and go by themselves: the shared timer (started once)
     * and the completion pool (threads idle out after 30 s).
     */
    private static int streamThreadCount() {
        int n = 0;
        for (Thread t : Threads.all()) {
            String name = t.getName();
            if (t.isAlive() && !name.startsWith("xmpp-completion-") && !name.equals("xmpp-scheduler")) {
                n++;
            }
        }
        return n;
    }

    private static int settledThreadCount(int target) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int n;
        while ((n = streamThreadCount()) > target && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return n;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
