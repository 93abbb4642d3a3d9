package org.xmppboot.stanza;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** No response came to an iq request in time. */
public class IqTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    private final String id;

    public IqTimeoutException(String id, String to, Duration timeout) {
        super("No response to iq '" + id + "' sent to " + to + " within " + timeout.toMillis() + " ms");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
