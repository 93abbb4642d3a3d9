package org.xmppboot.spring.listener;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaBase;

/** The application's {@link XmppHandlerErrorHandler}, if it has one, for one handler. */
final class Recovery {

    private final String handlerId;
    private final @Nullable XmppHandlerErrorHandler errorHandler;

    Recovery(String handlerId, @Nullable XmppHandlerErrorHandler errorHandler) {
        this.handlerId = handlerId;
        this.errorHandler = errorHandler;
    }

    /**
     * What the error handler makes of a failure: the value it returns stands for the handler's return value.
     *
     * @throws Throwable the failure itself when there is no error handler, or what the error handler threw
     */
    @Nullable Object recover(@Nullable StanzaBase stanza, Throwable failure) throws Throwable {
        if (errorHandler == null) {
            throw failure;
        }
        return errorHandler.handleError(handlerId, stanza, failure);
    }

    /**
     * {@link #recover}, for callers that may throw exceptions only: a throwable that is neither an exception nor
     * an error comes out wrapped in an {@link UndeclaredThrowableException}.
     */
    @Nullable Object recoverChecked(@Nullable StanzaBase stanza, Throwable failure) throws Exception {
        try {
            return recover(stanza, failure);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    /** Runs a step inside a future's callback, where a checked exception must travel as a CompletionException. */
    static <T> T unchecked(Callable<T> step) {
        try {
            return step.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** The failure a future's exception stands for. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
