package org.xmppboot.stream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts the throwables that end a thread of this JVM while it is installed as the default uncaught-exception
 * handler: a stream thread must never die that way. Restores the previous handler on close.
 */
public final class UncaughtExceptions implements AutoCloseable {

    private final Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private UncaughtExceptions() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            seen.add(thread.getName() + ": " + failure);
            failure.printStackTrace();
        });
    }

    public static UncaughtExceptions install() {
        return new UncaughtExceptions();
    }

    /** Each throwable that ended a thread, as {@code thread-name: throwable}. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }
}
