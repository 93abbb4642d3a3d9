package org.xmppboot.plugins.xep0308;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * A correction received: {@code message} replaces the payloads of the message {@code originalId} that the same
 * sender sent before (XEP-0308 §3).
 *
 * @param originalId the id of the message corrected (the first one, however often it has been corrected)
 * @param from the full JID the correction came from
 * @param message the correction itself
 */
public record Correction(String originalId, Jid from, Message message) {

    /** The corrected text, or null if the correction has no body. */
    public @Nullable String body() {
        return message.getBody();
    }
}
