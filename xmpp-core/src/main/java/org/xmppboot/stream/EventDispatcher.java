package org.xmppboot.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.handler.StreamHandler;

/**
 * The event side of an {@link XMLStream}: the one event queue, the event thread that drains it in order, what
 * feeds it besides received stanzas (event handlers, scheduled events, tasks), and the running of every handler:
 * timed, its failure reported as an {@code exception} event, and a watchdog that reports a handler holding the
 * event thread too long.
 *
 * <p>Received stanzas are bounded by {@link #inboundRoom}; everything else is queued without waiting, so that
 * the event thread never waits on its own queue.
 */
final class EventDispatcher {

    // The stream's logger: handler failures and slow handlers are reported as the stream's, as they always were.
    private static final Logger log = LoggerFactory.getLogger(XMLStream.class);

    /** An entry of the event queue. */
    sealed interface Entry permits StanzaEntry, EventEntry, TaskEntry, StopEntry {
        long enqueuedAt();
    }

    /** A received stanza and the stream handlers it matched, all of them in one entry. */
    record StanzaEntry(StanzaBase stanza, List<StreamHandler> handlers, long enqueuedAt) implements Entry {
    }

    private record EventEntry(String name, @Nullable Object data, EventRegistration registration, long enqueuedAt)
            implements Entry {
    }

    /** A callback for the event thread: a scheduled event, a waiter's completion, {@code runOnEventThread}. */
    record TaskEntry(String name, Runnable task, long enqueuedAt) implements Entry {
    }

    private record StopEntry(long enqueuedAt) implements Entry {
    }

    private record EventRegistration(EventHandler handler, boolean threaded, boolean disposable,
            AtomicBoolean spent) {
    }

    private final XMLStream stream;
    private final StreamConfig config;
    /** What runs once the event thread has stopped (or at once, if it never started). */
    private final Runnable stopped;

    private final EventQueue<Entry> queue = new EventQueue<>();
    /** Entries the event thread has taken from the queue but not yet dispatched (event thread only). */
    private final ArrayDeque<Entry> batch = new ArrayDeque<>();
    private volatile int batchSize;
    /** Whether the event thread has taken a stop entry (event thread only). */
    private boolean stopTaken;
    /** Room for received stanzas in the queue: a connection's read thread waits here when there is none. */
    final Semaphore inboundRoom;

    private final Map<String, CopyOnWriteArrayList<EventRegistration>> eventHandlers = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> schedules = new ConcurrentHashMap<>();
    private final Executor handlerExecutor;
    private final boolean ownsHandlerExecutor;
    private final KeyedSerialExecutor threadedHandlers;
    private final AtomicLong handlerFailures = new AtomicLong();

    private volatile @Nullable Thread thread;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile @Nullable ScheduledFuture<?> watchdog;
    private volatile @Nullable String currentHandler;
    private volatile long currentHandlerStart;
    private volatile long reportedSlowStart;
    /** Whether the watchdog found the event thread held past {@link StreamConfig#stallTimeout()}. */
    private final AtomicBoolean stalled = new AtomicBoolean();

    EventDispatcher(XMLStream stream, Runnable stopped) {
        this.stream = stream;
        this.config = stream.config;
        this.stopped = stopped;
        this.inboundRoom = new Semaphore(config.eventQueueCapacity());
        Executor executor = config.handlerExecutor();
        this.ownsHandlerExecutor = executor == null;
        this.handlerExecutor = executor != null ? executor
                : StreamThreads.handlerExecutor(config.name(), config.virtualThreads());
        this.threadedHandlers = new KeyedSerialExecutor(handlerExecutor);
    }

    // =================================================================== the event thread

    /** Starts the event thread and the watchdog, once. */
    synchronized void start() {
        if (thread == null) {
            // Known before it runs, so that its first handlers are already timed and watched as the event thread's.
            Thread eventThread = StreamThreads.create(config.name() + "-event", config.virtualThreads(), this::loop);
            thread = eventThread;
            eventThread.start();
            Duration watched = config.stallTimeout().isZero() ? config.slowHandlerThreshold()
                    : min(config.slowHandlerThreshold(), config.stallTimeout());
            Duration period = watched.dividedBy(4);
            Runnable check = Failures.guardTimer(stream, "watchdog", this::checkSlowHandler);
            watchdog = config.scheduler().scheduleRepeating(check, period, period);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    boolean isEventThread(Thread candidate) {
        return candidate == thread;
    }

    /**
     * Lets the event thread finish what is queued, then stop; without one, the stream stops at once. Only the first
     * call counts: a stream stops once.
     */
    void stop() {
        if (!stopRequested.compareAndSet(false, true)) {
            return;
        }
        if (thread == null) {
            stopped.run();
        } else {
            enqueue(new StopEntry(System.nanoTime()));
        }
    }

    // =================================================================== queueing

    /**
     * Queues an entry for the event thread. On the current connection's read thread it joins that thread's
     * batch, in order with the stanzas of the same socket read. A read thread whose connection is no longer the
     * current one queues directly: only its own batch is its to publish, and the new connection's is not.
     */
    void enqueue(Entry entry) {
        Connection c = stream.connection;
        if (c != null && c.readThread == Thread.currentThread()) {
            c.batch(entry);
        } else {
            queue.add(entry);
        }
    }

    /** Publishes a read thread's batch: one hand-off, at most one wake-up of the event thread. */
    void publish(List<Entry> entries) {
        queue.addAll(entries);
    }

    /** Entries waiting, taken or not yet by the event thread. */
    int size() {
        return queue.size() + batchSize;
    }

    // =================================================================== what feeds the queue

    void addEventHandler(String name, EventHandler handler, boolean threaded, boolean disposable) {
        eventHandlers.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                .add(new EventRegistration(handler, threaded, disposable, new AtomicBoolean()));
    }

    boolean removeEventHandler(String name, EventHandler handler) {
        List<EventRegistration> list = eventHandlers.get(name);
        return list != null && list.removeIf(r -> r.handler == handler);
    }

    int eventHandlerCount(String name) {
        List<EventRegistration> list = eventHandlers.get(name);
        return list == null ? 0 : list.size();
    }

    /** One queue entry per handler, each with its own copy of a stanza; {@code direct} runs them here. */
    void event(String name, @Nullable Object data, boolean direct) {
        List<EventRegistration> list = eventHandlers.get(name);
        if (list == null || list.isEmpty()) {
            return;
        }
        int n = list.size();
        int i = 0;
        for (EventRegistration registration : list) {
            i++;
            if (registration.disposable) {
                if (!registration.spent.compareAndSet(false, true)) {
                    continue;
                }
                list.remove(registration);
            }
            Object own = i < n && data instanceof StanzaBase stanza ? stanza.copy() : data;
            if (direct && !registration.threaded) {
                runEventHandler(name, own, registration);
            } else {
                enqueue(new EventEntry(name, own, registration, System.nanoTime()));
            }
        }
    }

    /**
     * Runs the action on the event thread at the first moment nothing else waits for it: what is queued meanwhile
     * (such as the events raised by the stanzas just dispatched) goes first.
     */
    void runWhenIdle(String name, Runnable action) {
        runOnEventThread(name, () -> {
            if (batch.isEmpty() && queue.size() == 0) {
                action.run();
            } else {
                runWhenIdle(name, action);
            }
        });
    }

    void runOnEventThread(String name, Runnable task) {
        enqueue(new TaskEntry(name, task, System.nanoTime()));
    }

    void executeThreaded(@Nullable Object key, Runnable task) {
        threadedHandlers.execute(key, task);
    }

    void schedule(String name, Duration delay, Runnable callback, boolean repeat) {
        Runnable fire = Failures.guardTimer(stream, name, () -> {
            if (!repeat) {
                schedules.remove(name);
            }
            enqueue(new TaskEntry(name, callback, System.nanoTime()));
        });
        ScheduledFuture<?> future = repeat ? config.scheduler().scheduleRepeating(fire, delay, delay)
                : config.scheduler().schedule(fire, delay);
        ScheduledFuture<?> previous = schedules.put(name, future);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    boolean cancelSchedule(String name) {
        ScheduledFuture<?> future = schedules.remove(name);
        return future != null && future.cancel(false);
    }

    // =================================================================== dispatching (event thread)

    private void loop() {
        boolean stopping = false;
        try {
            while (!stopping) {
                try {
                    if (batch.isEmpty()) { // else what a failure interrupted comes first
                        queue.drainTo(batch, 256);
                    }
                    if (dispatchBatch()) {
                        stopping = true;
                        dispatchStragglers();
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Throwable t) {
                    // An Error a handler let through (handler exceptions are reported where they run): the
                    // connection ends, so that recovery starts, and this thread goes on, since the stream's
                    // recovery (its events, the next connection's handlers) needs it.
                    Failures.failed(stream, "the event thread", t);
                }
            }
        } catch (InterruptedException e) {
            // Stopping without being asked: nobody would dispatch for the connection any more, so it ends too.
            stream.abort("the event thread was interrupted");
            Thread.currentThread().interrupt();
        } finally {
            stopped.run();
        }
    }

    /**
     * Dispatches what the event thread has taken; returns whether a stop entry was among it (or among what an
     * earlier call took before a failure cut it short).
     */
    private boolean dispatchBatch() {
        Entry entry;
        while ((entry = batch.poll()) != null) {
            batchSize = batch.size();
            if (entry instanceof StanzaEntry) {
                inboundRoom.release();
            }
            if (entry instanceof StopEntry) {
                stopTaken = true;
            } else {
                dispatch(entry);
            }
        }
        return stopTaken;
    }

    /**
     * The stop entry can come from the send thread or a timer while the read thread still holds entries of
     * its last read (it publishes them when it ends): wait for it, then dispatch what it left.
     */
    private void dispatchStragglers() throws InterruptedException {
        Connection c = stream.connection;
        Thread reader = c == null ? null : c.readThread;
        long deadline = System.nanoTime() + config.closeTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        boolean readerDone;
        do {
            readerDone = reader == null || reader == Thread.currentThread() || !reader.isAlive();
            // Dispatching frees room, so a read thread waiting for it can finish.
            queue.drainAvailable(batch);
            dispatchBatch();
            if (!readerDone) {
                reader.join(20);
            }
        } while (!readerDone && System.nanoTime() < deadline);
    }

    private void dispatch(Entry entry) {
        long now = System.nanoTime();
        StreamObserver observer = stream.observer();
        if (entry instanceof StanzaEntry s) {
            // Handlers run one after another, so the original stays untouched until the last one gets it:
            // copies taken from it just before each earlier handler are exact and independent.
            for (int i = 0, n = s.handlers.size(); i < n; i++) {
                StreamHandler handler = s.handlers.get(i);
                StanzaBase own = i == n - 1 ? s.stanza : s.stanza.copy();
                observer.dispatched("stanza", handler.name(), now - s.enqueuedAt);
                runTimed(handler.name(), () -> handler.run(own), own, false);
            }
        } else if (entry instanceof EventEntry e) {
            observer.dispatched("event", e.name, now - e.enqueuedAt);
            if (e.registration.threaded) {
                Object key = senderKey(e.data);
                threadedHandlers.execute(key, () -> runEventHandler(e.name, e.data, e.registration));
            } else {
                runEventHandler(e.name, e.data, e.registration);
            }
        } else if (entry instanceof TaskEntry t) {
            observer.dispatched("scheduled", t.name, now - t.enqueuedAt);
            runTimed(t.name, t.task, null, false);
        }
    }

    private static @Nullable Object senderKey(@Nullable Object data) {
        return data instanceof StanzaBase stanza ? stanza.xml().attribute("from") : null;
    }

    private void runEventHandler(String event, @Nullable Object data, EventRegistration registration) {
        String own = registration.handler.name();
        String name = own != null ? own : event;
        runTimed(name, () -> {
            try {
                registration.handler.handle(data);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new HandlerException(name, e, data);
            }
        }, data, event.equals("exception"));
    }

    /**
     * Runs a handler on whatever thread calls it (the event thread, the read thread for an in-stream handler, a
     * handler executor thread), timing it and reporting a failure; returns the failure, or null.
     */
    @Nullable Throwable runTimed(String name, Runnable task, @Nullable Object data, boolean isExceptionHandler) {
        boolean onEventThread = Thread.currentThread() == thread;
        long start = System.nanoTime();
        if (onEventThread) {
            currentHandler = name;
            currentHandlerStart = start;
        }
        Throwable failure = null;
        try {
            task.run();
        } catch (Throwable t) {
            failure = t instanceof HandlerException h ? h.getCause() : t;
        } finally {
            if (onEventThread) {
                currentHandlerStart = 0;
                currentHandler = null;
                if (stalled.compareAndSet(true, false)) {
                    stream.eventThreadRecovered(name, Duration.ofNanos(System.nanoTime() - start));
                }
            }
        }
        // Counted, then observed, then raised: whoever learns of the failure finds it counted and timed.
        if (failure != null) {
            handlerFailures.incrementAndGet();
        }
        stream.observer().handlerCompleted(name, System.nanoTime() - start, failure);
        if (failure != null) {
            logAndRaise(name, failure, data, isExceptionHandler);
        }
        return failure;
    }

    /** A handler's failure, wherever it surfaced: counted, logged and raised as the {@code exception} event. */
    void reportFailure(String name, Throwable failure, @Nullable Object data, boolean isExceptionHandler) {
        handlerFailures.incrementAndGet();
        logAndRaise(name, failure, data, isExceptionHandler);
    }

    private void logAndRaise(String name, Throwable failure, @Nullable Object data, boolean isExceptionHandler) {
        log.error("[{}] handler '{}' failed", config.name(), name, failure);
        if (failure instanceof VirtualMachineError vme && !(vme instanceof StackOverflowError)) {
            throw vme;
        }
        if (!isExceptionHandler) {
            stream.event("exception", new HandlerException(name, failure, data));
        }
    }

    long handlerFailures() {
        return handlerFailures.get();
    }

    private void checkSlowHandler() {
        long start = currentHandlerStart;
        String name = currentHandler;
        Thread eventThread = thread;
        if (start == 0 || name == null || eventThread == null) {
            return;
        }
        long held = System.nanoTime() - start;
        if (held > config.slowHandlerThreshold().toNanos() && start != reportedSlowStart) {
            reportedSlowStart = start;
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement frame : eventThread.getStackTrace()) {
                stack.append("\n\tat ").append(frame);
            }
            log.warn("[{}] handler '{}' has held the event thread for {} ms; handlers must not block "
                    + "(use a threaded event handler for slow work). It is at:{}", config.name(), name,
                    TimeUnit.NANOSECONDS.toMillis(held), stack);
        }
        Duration stallTimeout = config.stallTimeout();
        if (!stallTimeout.isZero() && held > stallTimeout.toNanos() && start == currentHandlerStart
                && stalled.compareAndSet(false, true)) {
            stream.eventThreadStalled(name, Duration.ofNanos(held));
        }
    }

    // =================================================================== stopping

    /** Cancels the watchdog and every scheduled event. */
    void cancelTimers() {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        schedules.values().forEach(f -> f.cancel(false));
        schedules.clear();
    }

    /**
     * Shuts down the handler executor (if it is the stream's own), waits (bounded) for the connection's threads,
     * the handler executor and the event thread to end, then runs {@code then}. Called on the event thread, as
     * its last act, it does so on a thread of its own: "every thread has ended" includes the event thread.
     */
    void awaitThreads(@Nullable Connection last, Runnable then) {
        ExecutorService handlers = ownsHandlerExecutor && handlerExecutor instanceof ExecutorService service
                ? service : null;
        if (handlers != null) {
            handlers.shutdown();
        }
        Thread event = thread;
        Runnable finish = () -> {
            long wait = config.closeTimeout().toMillis() + 1000;
            try {
                if (last != null) {
                    last.joinThreads();
                }
                if (handlers != null) {
                    handlers.awaitTermination(wait, TimeUnit.MILLISECONDS);
                }
                if (event != null && event != Thread.currentThread()) {
                    event.join(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            then.run();
        };
        if (event != null && Thread.currentThread() == event) {
            StreamThreads.start("xmpp-closing-" + config.name(), false, finish);
        } else {
            finish.run();
        }
    }
}
