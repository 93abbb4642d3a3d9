package org.xmppboot.spring.listener;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaBase;

/**
 * Takes over when an annotated handler throws, or the future it returned fails. Declare one bean of this type to
 * log, count, translate or answer failures your own way.
 *
 * <p>Returning means "handled": the connection does not log, count or raise the failure, and what is returned
 * is treated as the handler's return value (for an iq request, an {@code XmlElement} or an iq result or error
 * is the response, and null is answered {@code internal-server-error}; for other stanzas a {@code String} or a
 * stanza is sent, and null sends nothing). Throwing (the same or another exception) falls back to the default:
 * the failure is logged, counted and raised as the {@code exception} event, and an iq request is answered with
 * an error ({@code internal-server-error}, or the condition of a {@code StanzaErrorException}). Whatever happens
 * here, an iq request still gets exactly one response.
 *
 * For an {@code @XmppCommand} method, a returned {@code String}, {@code DataForm} or {@code CommandResponse} is
 * the command's response, and null is answered {@code internal-server-error}.
 *
 * <p>A {@code StanzaErrorException} thrown by an iq handler or a command (a {@code CommandException}, say) is
 * its answer, not a failure: it does not come here.
 */
@FunctionalInterface
public interface XmppHandlerErrorHandler {

    /**
     * @param handlerId the failing handler's id
     * @param stanza the stanza being handled, or null for an event whose payload is not a stanza and for an
     *     {@code @XmppCommand} method (the handler id names it)
     * @param error what the handler threw
     */
    @Nullable Object handleError(String handlerId, @Nullable StanzaBase stanza, Throwable error) throws Throwable;
}
