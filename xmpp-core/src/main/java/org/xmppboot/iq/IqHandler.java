package org.xmppboot.iq;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.Iq;

/**
 * Answers one kind of iq request, registered for an {@link IqRoute} with
 * {@code BaseXMPP.registerIqHandler}: the iq contract of RFC 6120 §8.2.3, every get or set gets exactly one
 * response, a result or an error, whatever the handler does.
 *
 * <p>What {@link #handle} returns is the response:
 * <ul>
 *   <li>{@code null}: an empty result;</li>
 *   <li>an {@link org.xmppboot.xml.XmlElement}: a result carrying it as payload;</li>
 *   <li>an {@link Iq} of type {@code result} or {@code error}: sent as the response to this request (its id
 *       becomes the request's; a missing {@code to} or {@code from} is filled in as {@code request.reply()}
 *       would);</li>
 *   <li>a {@link java.util.concurrent.CompletionStage} of any of these: its completion is the response, its
 *       failure is answered as a thrown exception.</li>
 * </ul>
 * A {@link org.xmppboot.stanza.StanzaErrorException} is answered with its condition and text: the way to refuse
 * ({@code item-not-found}, {@code forbidden}, ...). Any other exception is answered {@code internal-server-error},
 * with no text (a stack trace is not the peer's business), and reported like any failing handler: logged, and
 * raised as an {@code exception} event. Anything else returned is a programming error, logged and answered
 * {@code internal-server-error}.
 *
 * <p>A handler may also answer through the request ({@code request.reply().setPayload(..).sendResponse()} or
 * {@code request.error(..).sendResponse()}): that is the response, and what it returns is then ignored. A
 * second response is never sent. (A response written with {@code xmpp.send()} instead goes round the contract
 * and is not seen.)
 *
 * <p>It runs on the event thread, and must not block there: return a {@code CompletionStage} for slow work (an
 * iq future of our own, for one, chained with {@code thenApply}). Registered as threaded, it runs on the handler
 * executor instead, in order per sender, and may block.
 */
@FunctionalInterface
public interface IqHandler {

    /**
     * @param request the get or set, with its own copy of the stanza
     * @return the response, as above
     * @throws Exception answered {@code internal-server-error}, or with the condition of a
     *     {@link org.xmppboot.stanza.StanzaErrorException}
     */
    @Nullable Object handle(Iq request) throws Exception;
}
