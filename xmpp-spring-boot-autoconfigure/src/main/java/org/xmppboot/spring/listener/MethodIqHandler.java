package org.xmppboot.spring.listener;

import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.xmppboot.BaseXMPP;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * An annotated method as a core {@link IqHandler}: what it returns goes to core unchanged, and core turns it
 * into the one response (see {@link IqHandler}). Around the call:
 * <ul>
 *   <li>a condition that rejects the request answers it {@code service-unavailable}, as if the handler did not
 *       exist (a request no handler takes gets that);</li>
 *   <li>a thrown {@link StanzaErrorException} is the answer, not a failure: it goes to core as it is;</li>
 *   <li>any other failure, thrown or of a returned future, goes to the {@link XmppHandlerErrorHandler}: what it
 *       returns is the response, and null means handled, answered {@code internal-server-error} but not
 *       reported; what it throws (or the failure, without an error handler) goes on to core, which answers and
 *       reports it.</li>
 * </ul>
 */
final class MethodIqHandler implements IqHandler {

    private final HandlerMethod method;
    private final BaseXMPP xmpp;
    private final @Nullable HandlerCondition condition;
    private final Recovery recovery;

    MethodIqHandler(HandlerMethod method, BaseXMPP xmpp, @Nullable HandlerCondition condition, Recovery recovery) {
        this.method = method;
        this.xmpp = xmpp;
        this.condition = condition;
        this.recovery = recovery;
    }

    @Override
    public @Nullable Object handle(Iq request) throws Exception {
        if (condition != null && !condition.test(request, request, xmpp)) {
            throw new StanzaErrorException(StanzaError.Condition.SERVICE_UNAVAILABLE, null);
        }
        Object result;
        try {
            result = method.invoke(request, request, xmpp);
        } catch (StanzaErrorException refusal) {
            throw refusal;
        } catch (Throwable failure) {
            return recovered(request, failure);
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.handle((value, error) -> error == null ? value : recoveredLater(request, error));
        }
        return result;
    }

    private Object recovered(Iq request, Throwable failure) throws Exception {
        Object response = recovery.recoverChecked(request, failure);
        return response != null ? response : request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null);
    }

    private Object recoveredLater(Iq request, Throwable error) {
        Throwable failure = Recovery.unwrap(error);
        if (failure instanceof StanzaErrorException refusal) {
            throw refusal;
        }
        return Recovery.unchecked(() -> recovered(request, failure));
    }
}
