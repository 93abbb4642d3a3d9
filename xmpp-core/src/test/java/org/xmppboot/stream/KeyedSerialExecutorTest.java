package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedSerialExecutorTest {

    /** Failures the pool's threads saw: the tasks' own, which the executor lets through to the pool. */
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task);
        thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        return thread;
    });
    private final KeyedSerialExecutor executor = new KeyedSerialExecutor(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksOfOneKeyRunInOrderAndNeverConcurrently() throws Exception {
        int keys = 20;
        int perKey = 500;
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(keys * perKey);
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                int key = k;
                int seq = i;
                executor.execute(key, () -> {
                    if (inFlight.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.computeIfAbsent(key, x -> new CopyOnWriteArrayList<>()).add(seq);
                    inFlight.get(key).decrementAndGet();
                    done.countDown();
                });
            }
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).hasValue(0);
        for (int k = 0; k < keys; k++) {
            assertThat(seen.get(k)).hasSize(perKey).isSorted();
        }
        await().untilAsserted(() -> assertThat(executor.activeKeys()).isZero());
    }

    @Test
    void aBlockedKeyDoesNotStallOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        CountDownLatch secondOfBlockedRan = new CountDownLatch(1);
        executor.execute("slow", () -> awaitQuietly(release));
        executor.execute("slow", secondOfBlockedRan::countDown);
        executor.execute("fast", otherRan::countDown);

        assertThat(otherRan.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(secondOfBlockedRan.getCount()).as("the blocked key's next task waits its turn").isEqualTo(1);
        release.countDown();
        assertThat(secondOfBlockedRan.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFailingTaskDoesNotStopItsLane() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        executor.execute("k", () -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        executor.execute("k", after::countDown);
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(uncaught).extracting(Throwable::getMessage).containsExactly("boom (expected by the test)");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
