package org.xmppboot.spring.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0050.AsyncCommandHandler;
import org.xmppboot.plugins.xep0050.CommandRequest;
import org.xmppboot.plugins.xep0050.CommandResponse;
import org.xmppboot.plugins.xep0050.CommandSession;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * An {@code @XmppCommand} method as a core {@link AsyncCommandHandler}: each parameter's source and the meaning
 * of the return value are decided once, at start-up, where a method that can never work fails. A method that
 * returns a {@code CompletionStage} is answered when the stage completes.
 *
 * <p>Each call is observed as handler kind {@code command} when there is a {@link HandlerObservation}. A
 * failure, thrown or of the returned stage, goes to the {@link XmppHandlerErrorHandler} (with no stanza: the
 * method sees the command, not the iq): what it returns stands for the method's return value, and null means
 * handled, answered {@code internal-server-error} but not reported; what it throws (or the failure, without an
 * error handler) goes on to the plugin, which answers and reports it. A {@code StanzaErrorException} (such as a
 * {@code CommandException}) is the method's answer, not a failure: it goes to the plugin as it is.
 */
final class CommandMethod implements AsyncCommandHandler {

    /** What a method may return, or complete its stage with (and nothing: void, Void). */
    private static final Set<Class<?>> RESPONSES = Set.of(String.class, DataForm.class, CommandResponse.class,
            void.class, Void.class);

    /** The handler kind of a command method's observations. */
    static final String KIND = "command";

    private enum Source { REQUESTER, FORM, SESSION, REQUEST, CONNECTION }

    private final Object bean;
    private final Method method;
    private final Source[] sources;
    private final BaseXMPP xmpp;
    private final String handlerId;
    private final Recovery recovery;
    private final @Nullable HandlerObservation observation;

    private CommandMethod(Object bean, Method method, Source[] sources, BaseXMPP xmpp, String handlerId,
            @Nullable XmppHandlerErrorHandler errorHandler, @Nullable HandlerObservation observation) {
        this.bean = bean;
        this.method = method;
        this.sources = sources;
        this.xmpp = xmpp;
        this.handlerId = handlerId;
        this.recovery = new Recovery(handlerId, errorHandler);
        this.observation = observation;
        ReflectionUtils.makeAccessible(method);
    }

    /**
     * @throws IllegalStateException naming the method, for a parameter that can never be given or a return
     *     type that is no command response
     */
    static CommandMethod create(String handlerId, Object bean, Method method, BaseXMPP xmpp,
            @Nullable XmppHandlerErrorHandler errorHandler, @Nullable HandlerObservation observation) {
        Class<?>[] types = method.getParameterTypes();
        Source[] sources = new Source[types.length];
        for (int i = 0; i < types.length; i++) {
            sources[i] = source(method, i, types[i], xmpp);
        }
        checkReturnType(method);
        return new CommandMethod(bean, method, sources, xmpp, handlerId, errorHandler, observation);
    }

    private static void checkReturnType(Method method) {
        Class<?> returned = method.getReturnType();
        if (CompletionStage.class.isAssignableFrom(returned)) {
            // A stage of Object or of a type variable is checked when it completes.
            Class<?> completed = ResolvableType.forMethodReturnType(method).as(CompletionStage.class).resolveGeneric(0);
            returned = completed == null || completed == Object.class ? Void.class : completed;
        }
        if (!RESPONSES.contains(returned)) {
            throw new IllegalStateException(HandlerMethod.describe(method) + " returns " + method.getGenericReturnType()
                    .getTypeName() + ": an @XmppCommand method returns nothing, a String (a note), a DataForm (a "
                    + "result form) or a CommandResponse, or a CompletionStage of one of them");
        }
    }

    private static Source source(Method method, int index, Class<?> type, BaseXMPP xmpp) {
        if (type == Jid.class) {
            return Source.REQUESTER;
        }
        if (type == DataForm.class) {
            return Source.FORM;
        }
        if (type == CommandSession.class) {
            return Source.SESSION;
        }
        if (type == CommandRequest.class) {
            return Source.REQUEST;
        }
        if (BaseXMPP.class.isAssignableFrom(type) && type.isInstance(xmpp)) {
            return Source.CONNECTION;
        }
        throw new IllegalStateException(HandlerMethod.describe(method) + ": parameter " + (index + 1) + " ("
                + type.getName() + ") can never be given. An @XmppCommand method takes the requester's Jid, the "
                + "submitted DataForm, the CommandSession, the CommandRequest and the connection ("
                + xmpp.getClass().getSimpleName() + ").");
    }

    @Override
    public CompletionStage<@Nullable CommandResponse> handle(CommandRequest request) throws Exception {
        Object result;
        try {
            HandlerObservation o = observation;
            result = o == null ? call(request) : o.observe(handlerId, KIND, request, () -> call(request));
        } catch (StanzaErrorException refusal) {
            throw refusal;
        } catch (Throwable failure) {
            return CompletableFuture.completedFuture(recovered(failure));
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.handle((value, error) -> error == null ? response(value) : recoveredLater(error));
        }
        return CompletableFuture.completedFuture(response(result));
    }

    private @Nullable Object call(CommandRequest request) throws Throwable {
        Object[] args = new Object[sources.length];
        for (int i = 0; i < sources.length; i++) {
            args[i] = switch (sources[i]) {
                case REQUESTER -> request.from();
                case FORM -> request.form();
                case SESSION -> request.session();
                case REQUEST -> request;
                case CONNECTION -> xmpp;
            };
        }
        try {
            return method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The response the error handler makes of a failure (null from it: handled, answered but not reported). */
    private @Nullable CommandResponse recovered(Throwable failure) throws Exception {
        Object handled = recovery.recoverChecked(null, failure);
        if (handled == null) {
            throw new StanzaErrorException(StanzaError.Condition.INTERNAL_SERVER_ERROR, null);
        }
        return response(handled);
    }

    private @Nullable CommandResponse recoveredLater(Throwable error) {
        Throwable failure = Recovery.unwrap(error);
        if (failure instanceof StanzaErrorException refusal) {
            throw refusal;
        }
        return Recovery.unchecked(() -> recovered(failure));
    }

    private @Nullable CommandResponse response(@Nullable Object result) {
        if (result == null || result instanceof CommandResponse) {
            return (CommandResponse) result;
        }
        if (result instanceof String note) {
            return CommandResponse.completed(note);
        }
        if (result instanceof DataForm form) {
            return CommandResponse.completed(form);
        }
        throw new IllegalStateException(HandlerMethod.describe(method) + " completed with a "
                + result.getClass().getName() + ", which is no command response");
    }

    @Override
    public String toString() {
        return HandlerMethod.describe(method);
    }
}
