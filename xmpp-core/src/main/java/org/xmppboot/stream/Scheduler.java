package org.xmppboot.stream;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Timers for delayed and repeating events, iq timeouts and keepalive checks. A timer only puts an entry on
 * its stream's event queue (or does equally short work), so one thread serves every stream in the JVM:
 * {@link #shared()}.
 */
public final class Scheduler implements AutoCloseable {

    private static final class Holder {
        static final Scheduler SHARED = new Scheduler("xmpp-scheduler");
    }

    private final ScheduledThreadPoolExecutor executor;

    public Scheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The JVM-wide scheduler: one daemon thread. */
    public static Scheduler shared() {
        return Holder.SHARED;
    }

    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    public ScheduledFuture<?> scheduleRepeating(Runnable task, Duration delay, Duration period) {
        return executor.scheduleWithFixedDelay(task, delay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
