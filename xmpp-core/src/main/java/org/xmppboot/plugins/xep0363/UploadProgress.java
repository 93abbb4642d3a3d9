package org.xmppboot.plugins.xep0363;

/**
 * Told how far an upload is, each time the HTTP client has taken another chunk of the file. Runs on the HTTP
 * client's threads: it must return quickly and not block.
 */
@FunctionalInterface
public interface UploadProgress {

    /** The upload does not report progress. */
    UploadProgress NONE = (sent, total) -> { };

    /**
     * @param sent bytes handed to the connection so far
     * @param total the size of the file
     */
    void progress(long sent, long total);
}
