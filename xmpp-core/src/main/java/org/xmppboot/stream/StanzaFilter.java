package org.xmppboot.stream;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaBase;

/**
 * Sees every stanza on its way in (before handlers) or out (before it is written): returns it, a replacement,
 * or null to drop it. Inbound filters run on the read thread, outbound ones on the sending thread; keep them
 * quick.
 */
@FunctionalInterface
public interface StanzaFilter {

    @Nullable StanzaBase apply(StanzaBase stanza);
}
