package org.xmppboot.stream;

/** The stream closed before an awaited response arrived. */
public class StreamClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StreamClosedException(String message) {
        super(message);
    }
}
