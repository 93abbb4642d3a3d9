package org.xmppboot.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future that a stream completes: the response to an iq request, an awaited stanza. Made by
 * {@link XMLStream#newFuture()}; {@code Iq.send()} and {@link XMLStream#waitFor} return one.
 *
 * <p><b>Which thread completes it, and so runs the callbacks.</b> Callbacks chained without an executor
 * ({@code thenApply}, {@code thenAccept}, {@code thenCompose}, {@code whenComplete}, ...) run on the thread that
 * completes the future:
 * <ul>
 *   <li>a response or an awaited stanza completes it on the <b>event thread</b>, in order with the handlers
 *       around it (the read thread only queues the completion): callbacks run where handlers run, and like them
 *       must not block;</li>
 *   <li>a <b>timeout</b> completes it on a detached completion thread ({@link StreamThreads#runDetached}; the
 *       scheduler thread only hands it over), so that it fires on time even while a handler holds the event
 *       thread, and never waits for the event thread at all;</li>
 *   <li>the stream closing fails it on the thread that closes the stream (the event thread, as it stops).</li>
 * </ul>
 * Callbacks never run on the read thread or on the shared scheduler thread, where a blocking callback would
 * stall reading, or every stream's timers. A callback that must run on the event thread whatever the outcome
 * asks for it: {@code whenCompleteAsync(callback, task -> xmpp.runOnEventThread("name", task))}.
 *
 * <p><b>Blocking.</b> {@code get()} and {@code join()} on the stream's event thread or read thread fail at once
 * with an {@link IllegalStateException} while the future is not done: that thread would wait for itself. So do
 * they on every future chained from this one ({@code thenApply(..).join()}), which is a {@code StreamFuture} too.
 * Block only on other threads: a threaded handler, your own. A future that merely combines this one
 * ({@code CompletableFuture.allOf}, another future's {@code thenCombine}) is not checked; blocking on it on the
 * event thread waits until the request times out, since timeouts need no event thread.
 */
public final class StreamFuture<T> extends CompletableFuture<T> {

    private final XMLStream stream;

    StreamFuture(XMLStream stream) {
        this.stream = stream;
    }

    /** Every stage chained from this one is a {@code StreamFuture} of the same stream, with the same check. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new StreamFuture<>(stream);
    }

    private void checkThread() {
        Thread current = Thread.currentThread();
        if (!isDone() && stream.isStreamThread(current)) {
            throw new IllegalStateException("Blocking on a response (get/join) on the " + current.getName()
                    + " thread would deadlock: that thread is the one that delivers it. Chain the work instead "
                    + "(thenAccept, thenCompose, whenComplete), or block only in a threaded handler.");
        }
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        checkThread();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        checkThread();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        checkThread();
        return super.join();
    }
}
