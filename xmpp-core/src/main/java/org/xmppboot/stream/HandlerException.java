package org.xmppboot.stream;

import org.jspecify.annotations.Nullable;

/** A handler failed: the data of the {@code exception} event. */
public class HandlerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String handler;
    private final transient @Nullable Object data;

    public HandlerException(String handler, Throwable cause, @Nullable Object data) {
        super("Handler '" + handler + "' failed: " + cause, cause);
        this.handler = handler;
        this.data = data;
    }

    /** The handler's name. */
    public String handler() {
        return handler;
    }

    /** What the handler was given (a stanza, event data), or null. */
    public @Nullable Object data() {
        return data;
    }
}
