package org.xmppboot.spring.listener;

import org.jspecify.annotations.Nullable;
import org.xmppboot.BaseXMPP;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.EventHandler;

/**
 * A threaded iq handler, timed and reported where it runs, as threaded stanza and event handlers are. Core runs
 * it on the handler executor (registered with {@code threaded = true}, under {@code <id>:hand-off}); there it
 * raises the request as the connection event named by the handler's id, directly on that thread, and the
 * {@linkplain #eventHandler() event handler} calls the method. So the connection times the call as handler
 * {@code <id>} ({@code xmpp.handler.duration}), and a failure is counted in {@code handlerFailures()}, logged and
 * raised as the {@code exception} event; core then answers it {@code internal-server-error} without reporting it
 * again. A refusal ({@link StanzaErrorException}) is an answer, not a failure.
 */
final class TimedIqHandler implements IqHandler {

    private final String event;
    private final IqHandler method;
    private final BaseXMPP xmpp;
    /** The call in progress on this thread: the event runs directly, on the thread that raises it. */
    private final ThreadLocal<@Nullable Call> current = new ThreadLocal<>();
    private final EventHandler eventHandler = this::onEvent;

    TimedIqHandler(String event, IqHandler method, BaseXMPP xmpp) {
        this.event = event;
        this.method = method;
        this.xmpp = xmpp;
    }

    /** What must be registered as the (non-threaded) event handler of the handler's id. */
    EventHandler eventHandler() {
        return eventHandler;
    }

    @Override
    public @Nullable Object handle(Iq request) throws Exception {
        Call call = new Call();
        current.set(call);
        try {
            xmpp.event(event, request, true);
        } finally {
            current.remove();
        }
        if (!call.ran) {
            throw new IllegalStateException("The event '" + event + "' that runs this handler has no handler");
        }
        if (call.refusal != null) {
            throw call.refusal;
        }
        return call.failed ? request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null) : call.value;
    }

    private void onEvent(@Nullable Object data) throws Exception {
        Call call = current.get();
        if (call == null || !(data instanceof Iq request)) {
            return; // raised by someone else
        }
        call.ran = true;
        try {
            call.value = method.handle(request);
        } catch (StanzaErrorException refusal) {
            call.refusal = refusal;
        } catch (Throwable failure) {
            call.failed = true;
            throw failure; // for the connection to time, count and report
        }
    }

    /** One call's outcome, written and read by one thread. */
    private static final class Call {
        boolean ran;
        @Nullable Object value;
        @Nullable StanzaErrorException refusal;
        boolean failed;
    }
}
