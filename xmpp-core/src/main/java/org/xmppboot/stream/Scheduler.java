package org.xmppboot.stream;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers for delayed and repeating events, iq timeouts and keepalive checks. A timer only puts an entry on
 * its stream's event queue (or does equally short work), so one thread serves every stream in the JVM:
 * {@link #shared()}.
 *
 * <p>A task that throws is logged, never only kept in its future where nobody looks, and a repeating one goes on
 * repeating. A stream's own timers go further: what they throw ends the stream's connection.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

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
        return executor.schedule(logged(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    public ScheduledFuture<?> scheduleRepeating(Runnable task, Duration delay, Duration period) {
        return executor.scheduleWithFixedDelay(logged(task), delay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                try {
                    log.error("A timer task failed: {}", task, t);
                } catch (Throwable ignored) {
                    // out of memory: the timer thread itself must survive
                }
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
