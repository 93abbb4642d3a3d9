package org.xmppboot.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future that a stream completes: an iq response, an awaited stanza. Blocking on it from the thread that
 * delivers it would wait forever, so {@code get()} and {@code join()} there fail at once with a message saying
 * what to do. Made by {@link XMLStream#newFuture()}.
 */
public final class StreamFuture<T> extends CompletableFuture<T> {

    private final XMLStream stream;

    StreamFuture(XMLStream stream) {
        this.stream = stream;
    }

    private void checkThread() {
        Thread current = Thread.currentThread();
        if (!isDone() && stream.isStreamThread(current)) {
            throw new IllegalStateException("Blocking on an iq response on the " + current.getName()
                    + " thread would deadlock: that thread delivers the response. Use thenAccept()/"
                    + "whenComplete(), or do the work in a threaded event handler.");
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
