package org.xmppboot.stream;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where stream threads come from. Platform threads by default; with {@code virtual} on a Java 21+ runtime,
 * virtual threads, so that a JVM holding a thousand streams does not hold thousands of platform threads. The
 * bytecode targets Java 17, so virtual threads are reached reflectively and the option falls back to
 * platform threads (with one warning) on older runtimes.
 */
public final class StreamThreads {

    private static final Logger log = LoggerFactory.getLogger(StreamThreads.class);

    private static final @Nullable MethodHandle VIRTUAL_FACTORY = findVirtualFactory();
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private StreamThreads() {
    }

    private static @Nullable MethodHandle findVirtualFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Object builder = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))).invoke();
            MethodHandle factory = lookup.findVirtual(Class.forName("java.lang.Thread$Builder"), "factory",
                    MethodType.methodType(ThreadFactory.class));
            return MethodHandles.dropArguments(MethodHandles.constant(ThreadFactory.class,
                    (ThreadFactory) factory.invoke(builder)), 0);
        } catch (Throwable e) {
            return null;
        }
    }

    /** Whether this runtime has virtual threads. */
    public static boolean virtualThreadsAvailable() {
        return VIRTUAL_FACTORY != null;
    }

    /** Starts a named daemon thread, virtual if asked for and available. */
    public static Thread start(String name, boolean virtual, Runnable task) {
        Thread thread = create(name, virtual, task);
        thread.start();
        return thread;
    }

    /**
     * A named daemon thread, not started yet: for an owner that must know its thread before the thread runs
     * (a connection's read thread is compared with the current thread from the first byte on).
     */
    static Thread create(String name, boolean virtual, Runnable task) {
        Thread thread = factory(virtual).newThread(task);
        thread.setName(name);
        if (!thread.isDaemon()) { // virtual threads are daemons already
            thread.setDaemon(true);
        }
        return thread;
    }

    private static ThreadFactory factory(boolean virtual) {
        if (virtual) {
            if (VIRTUAL_FACTORY != null) {
                try {
                    return (ThreadFactory) VIRTUAL_FACTORY.invoke();
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }
            warnNoVirtualThreads();
        }
        return Thread::new;
    }

    private static volatile boolean warned;

    private static void warnNoVirtualThreads() {
        if (!warned) {
            warned = true;
            log.warn("Virtual threads were asked for but this runtime (Java {}) has none; using platform threads",
                    Runtime.version().feature());
        }
    }

    private static final class Detached {
        static final AtomicInteger IDS = new AtomicInteger();
        /** No queue and no thread limit: a task never waits behind another, whatever that one blocks on. */
        static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "xmpp-completion-" + IDS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Runs a short task on a thread of its own: a virtual thread if asked for and available, else a thread of a
     * JVM-wide cached pool that never queues. For completing a future from a timer: the future's callbacks then
     * neither wait for a busy event thread nor run on the shared scheduler thread, and a callback that blocks
     * holds up nothing else. (The handler executor would not do: its threads may all be blocked on the very
     * futures whose timeouts would free them.)
     */
    public static void runDetached(boolean virtual, Runnable task) {
        if (virtual && VIRTUAL_FACTORY != null) {
            start("xmpp-completion-" + Detached.IDS.incrementAndGet(), true, task);
        } else {
            Detached.POOL.execute(task);
        }
    }

    /**
     * The default executor for threaded handlers: on virtual threads one per task; otherwise a pool of
     * {@code max(4, 2 * cores)} daemon threads that time out when idle.
     */
    public static Executor handlerExecutor(String name, boolean virtual) {
        if (virtual && VIRTUAL_FACTORY != null) {
            ThreadFactory virtualThreads = factory(true);
            AtomicInteger ids = new AtomicInteger();
            return task -> {
                Thread t = virtualThreads.newThread(task);
                t.setName(name + "-handler-" + ids.incrementAndGet());
                t.start();
            };
        }
        int size = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        AtomicInteger ids = new AtomicInteger();
        int pool = POOL_IDS.incrementAndGet();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-handler-" + pool + "-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
