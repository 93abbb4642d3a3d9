package org.xmppboot.stream;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on a delegate executor so that tasks with the same key run one after another, in submission
 * order, while tasks with different keys run in parallel. Threaded handlers use the sender's JID as key: a
 * slow conversation never stalls the others, and no conversation is reordered. A null key means "no order".
 */
public final class KeyedSerialExecutor {

    private final Executor delegate;
    private final Map<Object, Lane> lanes = new ConcurrentHashMap<>();

    public KeyedSerialExecutor(Executor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    public void execute(@Nullable Object key, Runnable task) {
        if (key == null) {
            delegate.execute(task);
            return;
        }
        // compute() makes "append to a running lane" and "create a lane" atomic with the lane's removal below.
        boolean[] start = new boolean[1];
        Lane lane = lanes.compute(key, (k, existing) -> {
            Lane l = existing != null ? existing : new Lane(k);
            l.tasks.add(task);
            if (!l.running) {
                l.running = true;
                start[0] = true;
            }
            return l;
        });
        if (start[0]) {
            delegate.execute(lane);
        }
    }

    /** How many keys have queued or running work (for tests and diagnostics). */
    public int activeKeys() {
        return lanes.size();
    }

    private final class Lane implements Runnable {
        private final Object key;
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private boolean running; // guarded by lanes.compute on key

        Lane(Object key) {
            this.key = key;
        }

        @Override
        public void run() {
            while (true) {
                Runnable[] next = new Runnable[1];
                lanes.compute(key, (k, l) -> {
                    next[0] = tasks.poll();
                    if (next[0] == null) {
                        running = false;
                        return null; // drop the idle lane so keys do not accumulate
                    }
                    return l;
                });
                if (next[0] == null) {
                    return;
                }
                try {
                    next[0].run();
                } catch (RuntimeException | Error e) {
                    // Keep the lane alive for the tasks behind this one.
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                }
            }
        }
    }
}
