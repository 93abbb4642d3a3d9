package org.xmppboot.spring.listener;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaBase;

/**
 * Takes over when an annotated handler throws. Declare one bean of this type to log, count, translate or
 * answer failures your own way.
 *
 * <p>What it returns is treated as the handler's return value (for an iq request, a stanza or an element is
 * the response); returning null means "handled". Throwing (the same or another exception) falls back to the
 * default: the failure is logged and counted, and an iq request is answered with an error. Whatever happens
 * here, an iq request still gets exactly one response.
 */
@FunctionalInterface
public interface XmppHandlerErrorHandler {

    /**
     * @param handlerId the failing handler's id
     * @param stanza the stanza being handled, or null for an event whose payload is not a stanza
     * @param error what the handler threw
     */
    @Nullable Object handleError(String handlerId, @Nullable StanzaBase stanza, Throwable error) throws Throwable;
}
