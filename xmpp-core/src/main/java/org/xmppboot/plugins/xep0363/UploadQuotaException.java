package org.xmppboot.plugins.xep0363;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The upload service refused for now, typically a quota reached (XEP-0363 §5: an error of type wait); it may say
 * when to try again.
 */
public class UploadQuotaException extends HttpUploadException {

    private static final long serialVersionUID = 1L;

    private final @Nullable Instant retryAt;

    public UploadQuotaException(@Nullable String reason, @Nullable Instant retryAt, @Nullable Throwable cause) {
        super("The upload service refuses for now" + (reason == null ? "" : ": " + reason)
                + (retryAt == null ? "" : "; try again at " + retryAt), cause);
        this.retryAt = retryAt;
    }

    /** When the service says another request may succeed, or null. */
    public @Nullable Instant retryAt() {
        return retryAt;
    }
}
