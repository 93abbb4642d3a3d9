package org.xmppboot.plugins.xep0184;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;

/**
 * The messages whose receipt someone waits for, by message id: bounded, and each entry leaves when its receipt
 * comes, when it times out, or when the connection ends for good, so a lost receipt costs nothing for long.
 */
final class PendingReceipts {

    private record Waiting(Jid recipient, CompletableFuture<ReceiptReceived> future) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    /**
     * Starts waiting for the receipt of message {@code id} sent to {@code recipient}.
     *
     * @return false, leaving the future alone, when {@code max} receipts already wait or one waits for this id
     */
    synchronized boolean add(PluginContext context, String id, Jid recipient,
            CompletableFuture<ReceiptReceived> future, Duration timeout, int max) {
        if (waiting.size() >= max || waiting.containsKey(id)) {
            return false;
        }
        Waiting entry = new Waiting(recipient, future);
        waiting.put(id, entry);
        context.schedule(timerName(id), timeout, () -> {
            context.cancelSchedule(timerName(id)); // forgets the fired timer's name too
            if (waiting.remove(id, entry)) {
                future.completeExceptionally(new TimeoutException("No receipt for message '" + id + "' from "
                        + recipient + " within " + timeout));
            }
        }, false);
        return true;
    }

    /** Stops waiting for a message that could not be sent. */
    void cancel(PluginContext context, String id, Throwable why) {
        Waiting entry = waiting.remove(id);
        if (entry != null) {
            context.cancelSchedule(timerName(id));
            entry.future.completeExceptionally(why);
        }
    }

    /**
     * Completes the wait for a receipt's message if the receipt comes from the address the message went to (its
     * bare JID: a message to a bare JID is acknowledged by one of its resources). A receipt from anyone else
     * leaves the wait alone, so a third party cannot confirm our messages.
     */
    boolean complete(PluginContext context, ReceiptReceived receipt) {
        Waiting entry = waiting.get(receipt.id());
        @Nullable Jid from = receipt.from();
        if (entry == null || from == null || !from.bare().equals(entry.recipient.bare())) {
            return false;
        }
        if (!waiting.remove(receipt.id(), entry)) {
            return false;
        }
        context.cancelSchedule(timerName(receipt.id()));
        entry.future.complete(receipt);
        return true;
    }

    /** Fails every wait: the connection has ended for good. */
    void failAll(Exception cause) {
        for (String id : new ArrayList<>(waiting.keySet())) {
            Waiting entry = waiting.remove(id);
            if (entry != null) {
                entry.future.completeExceptionally(cause);
            }
        }
    }

    int size() {
        return waiting.size();
    }

    private static String timerName(String id) {
        return DeliveryReceipts.NAME + ":receipt:" + id;
    }
}
