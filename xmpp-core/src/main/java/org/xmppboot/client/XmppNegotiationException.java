package org.xmppboot.client;

import org.jspecify.annotations.Nullable;

/** The session could not be established: TLS, resource binding, or the server ended the stream. */
public class XmppNegotiationException extends Exception {

    public XmppNegotiationException(String message) {
        super(message);
    }

    public XmppNegotiationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
