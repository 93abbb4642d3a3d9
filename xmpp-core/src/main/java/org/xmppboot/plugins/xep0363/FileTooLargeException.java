package org.xmppboot.plugins.xep0363;

import org.jspecify.annotations.Nullable;

/**
 * The file is larger than the upload service takes: known from its announced maximum before asking, or from its
 * {@code <file-too-large/>} answer (XEP-0363 §5).
 */
public class FileTooLargeException extends HttpUploadException {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final @Nullable Long maxFileSize;

    public FileTooLargeException(long size, @Nullable Long maxFileSize, @Nullable Throwable cause) {
        super("The file of " + size + " bytes is too large for the upload service"
                + (maxFileSize == null ? "" : ": the maximum is " + maxFileSize + " bytes"), cause);
        this.size = size;
        this.maxFileSize = maxFileSize;
    }

    /** The size of the file, in bytes. */
    public long size() {
        return size;
    }

    /** The largest file the service takes, in bytes, or null if it did not say. */
    public @Nullable Long maxFileSize() {
        return maxFileSize;
    }
}
