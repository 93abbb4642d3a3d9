package org.xmppboot.plugins.xep0363;

import org.jspecify.annotations.Nullable;

/** An upload failed: no slot was given (the service refused or could not be found) or the HTTP PUT failed. */
public class HttpUploadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HttpUploadException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
