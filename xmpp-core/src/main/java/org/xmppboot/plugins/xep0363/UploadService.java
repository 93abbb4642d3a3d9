package org.xmppboot.plugins.xep0363;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * An upload service found through service discovery.
 *
 * @param jid its address
 * @param maxFileSize the largest file it takes, in bytes, as it announces (XEP-0363 §3); null if it does not say
 */
public record UploadService(Jid jid, @Nullable Long maxFileSize) {

    /** Whether a file of this size is over the announced maximum. */
    public boolean refuses(long size) {
        return maxFileSize != null && size > maxFileSize;
    }
}
