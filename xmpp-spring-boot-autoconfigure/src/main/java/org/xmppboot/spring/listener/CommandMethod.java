package org.xmppboot.spring.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
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

/**
 * An {@code @XmppCommand} method as a core {@link AsyncCommandHandler}: each parameter's source and the meaning
 * of the return value are decided once, at start-up, where a method that can never work fails. A method that
 * returns a {@code CompletionStage} is answered when the stage completes.
 */
final class CommandMethod implements AsyncCommandHandler {

    /** What a method may return, or complete its stage with (and nothing: void, Void). */
    private static final Set<Class<?>> RESPONSES = Set.of(String.class, DataForm.class, CommandResponse.class,
            void.class, Void.class);

    private enum Source { REQUESTER, FORM, SESSION, REQUEST, CONNECTION }

    private final Object bean;
    private final Method method;
    private final Source[] sources;
    private final BaseXMPP xmpp;

    private CommandMethod(Object bean, Method method, Source[] sources, BaseXMPP xmpp) {
        this.bean = bean;
        this.method = method;
        this.sources = sources;
        this.xmpp = xmpp;
        ReflectionUtils.makeAccessible(method);
    }

    /**
     * @throws IllegalStateException naming the method, for a parameter that can never be given or a return
     *     type that is no command response
     */
    static CommandMethod create(Object bean, Method method, BaseXMPP xmpp) {
        Class<?>[] types = method.getParameterTypes();
        Source[] sources = new Source[types.length];
        for (int i = 0; i < types.length; i++) {
            sources[i] = source(method, i, types[i], xmpp);
        }
        checkReturnType(method);
        return new CommandMethod(bean, method, sources, xmpp);
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
        Object result;
        try {
            result = method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(cause);
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.thenApply(this::response);
        }
        return CompletableFuture.completedFuture(response(result));
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
