package org.xmppboot.plugins.xep0050;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * Runs a command's steps when the answer takes time: it is called on the event thread, returns at once, and
 * the response goes out when the stage completes (on whatever thread completes it). As
 * {@link CommandHandler} otherwise: a failed stage is answered as a thrown exception would be.
 */
@FunctionalInterface
public interface AsyncCommandHandler {

    CompletionStage<@Nullable CommandResponse> handle(CommandRequest request) throws Exception;

    /** A handler that answers at once, as one that answers later. */
    static AsyncCommandHandler of(CommandHandler handler) {
        return request -> CompletableFuture.completedFuture(handler.handle(request));
    }
}
