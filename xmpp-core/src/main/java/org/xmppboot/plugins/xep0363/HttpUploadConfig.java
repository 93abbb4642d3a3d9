package org.xmppboot.plugins.xep0363;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * Settings of {@link HttpUpload}.
 *
 * @param service the upload service to use; null to find it among our server's items (XEP-0363 §3)
 * @param httpTimeout how long the HTTP PUT of a file may take, from the request to the response
 */
public record HttpUploadConfig(@Nullable Jid service, Duration httpTimeout) {

    /** Found through discovery; five minutes per PUT (§9 recommends slots valid for about 300 s). */
    public static final HttpUploadConfig DEFAULT = new HttpUploadConfig(null, Duration.ofMinutes(5));

    public HttpUploadConfig {
        Objects.requireNonNull(httpTimeout, "httpTimeout");
        if (httpTimeout.isNegative() || httpTimeout.isZero()) {
            throw new IllegalArgumentException("httpTimeout must be positive");
        }
    }

    public HttpUploadConfig withService(@Nullable Jid jid) {
        return new HttpUploadConfig(jid, httpTimeout);
    }

    public HttpUploadConfig withHttpTimeout(Duration timeout) {
        return new HttpUploadConfig(service, timeout);
    }
}
