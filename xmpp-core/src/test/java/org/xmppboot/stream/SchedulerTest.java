package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SchedulerTest {

    @Test
    void aRepeatingTaskThatThrowsGoesOnRepeatingAndTheTimerThreadLives() throws Exception {
        try (Scheduler scheduler = new Scheduler("scheduler-test");
                UncaughtExceptions uncaught = UncaughtExceptions.install()) {
            AtomicInteger runs = new AtomicInteger();
            scheduler.scheduleRepeating(() -> {
                if (runs.incrementAndGet() % 2 == 1) {
                    throw new OutOfMemoryError("simulated (expected by the test)");
                }
            }, Duration.ZERO, Duration.ofMillis(5));
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 6);
            AtomicInteger later = new AtomicInteger();
            scheduler.schedule(later::incrementAndGet, Duration.ZERO);
            await().atMost(Duration.ofSeconds(5)).until(() -> later.get() == 1);
            assertThat(uncaught.seen()).isEmpty();
        }
    }
}
