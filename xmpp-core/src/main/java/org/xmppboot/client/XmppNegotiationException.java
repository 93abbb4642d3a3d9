package org.xmppboot.client;

import org.jspecify.annotations.Nullable;

/** The session could not be established: TLS, resource binding, or the server ended the stream. */
public class XmppNegotiationException extends Exception {

    private final boolean permanent;

    public XmppNegotiationException(String message) {
        this(message, null, false);
    }

    public XmppNegotiationException(String message, @Nullable Throwable cause) {
        this(message, cause, false);
    }

    /** @param permanent whether trying again cannot help (see {@link #isPermanent()}) */
    public XmppNegotiationException(String message, @Nullable Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    /**
     * Whether trying again cannot help: the server and our settings disagree (TLS required and not offered, say),
     * so the reconnect policy gives up at once.
     */
    public boolean isPermanent() {
        return permanent;
    }
}
