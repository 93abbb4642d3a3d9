package org.xmppboot.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a throwable goes that nobody else catches: on the event thread, or in a timer of the shared scheduler (whose
 * futures would keep it where nobody looks). It ends the stream's current connection, so that its socket is closed
 * and recovery starts, and it is logged; an {@link OutOfMemoryError} or {@link StackOverflowError} included.
 */
final class Failures {

    // The stream's logger, as for everything the stream does.
    private static final Logger log = LoggerFactory.getLogger(XMLStream.class);

    private Failures() {
    }

    /** A task for the shared scheduler that belongs to {@code stream}. */
    static Runnable guardTimer(XMLStream stream, String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                failed(stream, "the timer '" + name + "'", t);
            }
        };
    }

    /** Ends the stream's current connection because of {@code t}, or, with none, logs it. Never throws. */
    static void failed(XMLStream stream, String where, Throwable t) {
        Connection c = stream.connection;
        if (c != null) {
            c.failed(where, t);
            return;
        }
        try {
            log.error("[{}] {} failed", stream.config.name(), where, t);
        } catch (Throwable ignored) {
            // nothing left to report with
        }
    }
}
