package org.xmppboot.sm;

import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stream.Scheduler;

/**
 * When to ask the server for its count ({@code <r/>}): once {@link StreamManagementConfig#ackEvery()} stanzas went
 * out since the last request and that one was answered, or {@link StreamManagementConfig#ackInterval()} after a
 * stanza no request covers yet. At most one request waits for its answer on count, so that a flood does not turn
 * into a flood of requests; the timer asks regardless, which is also what asks again when an answer never comes.
 * Not thread-safe: {@link StreamManagement} guards it with its lock, and does the writing.
 */
final class AckRequests {

    private final StreamManagementConfig config;
    private final Scheduler scheduler;
    private final Runnable onTimer;

    /** Our count when we last asked. */
    private int requestedAt;
    private boolean awaiting;
    private @Nullable ScheduledFuture<?> timer;

    /** @param onTimer runs on the scheduler when the interval has passed (not under the lock) */
    AckRequests(StreamManagementConfig config, Scheduler scheduler, Runnable onTimer) {
        this.config = config;
        this.scheduler = scheduler;
        this.onTimer = onTimer;
    }

    /** A new count, or a new connection: nothing asked, nothing awaited. */
    void restartAt(int h) {
        requestedAt = h;
        awaiting = false;
        cancelTimer();
    }

    /** A stanza went out: whether to ask right behind it (then it counts as asked); if not, the timer runs. */
    boolean afterSent(AckQueue queue) {
        if (!awaiting && queue.sentSince(requestedAt) >= config.ackEvery()) {
            asking(queue);
            return true;
        }
        armTimer();
        return false;
    }

    /** The server answered: whether enough went out meanwhile to ask again at once (then it counts as asked). */
    boolean afterAck(AckQueue queue) {
        awaiting = false;
        if (queue.sentSince(requestedAt) >= config.ackEvery()) {
            asking(queue);
            return true;
        }
        if (queue.size() > 0) {
            armTimer();
        }
        return false;
    }

    /** The timer fired: whether anything went out that no request covers (then it counts as asked). */
    boolean timerFired(AckQueue queue) {
        timer = null;
        if (queue.sentSince(requestedAt) == 0) {
            return false;
        }
        asking(queue);
        return true;
    }

    /** A request goes out now, covering everything sent so far. */
    void asking(AckQueue queue) {
        requestedAt = queue.sent();
        awaiting = true;
    }

    void cancelTimer() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
            timer = null;
        }
    }

    private void armTimer() {
        if (timer == null) {
            timer = scheduler.schedule(onTimer, config.ackInterval());
        }
    }
}
