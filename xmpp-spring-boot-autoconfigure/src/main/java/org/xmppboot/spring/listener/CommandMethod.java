package org.xmppboot.spring.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ReflectionUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0050.CommandHandler;
import org.xmppboot.plugins.xep0050.CommandRequest;
import org.xmppboot.plugins.xep0050.CommandResponse;
import org.xmppboot.plugins.xep0050.CommandSession;

/**
 * An {@code @XmppCommand} method as a core {@link CommandHandler}: each parameter's source and the meaning of
 * the return value are decided once, at start-up, where a method that can never work fails.
 */
final class CommandMethod implements CommandHandler {

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
        Class<?> returned = method.getReturnType();
        if (returned != void.class && returned != Void.class && returned != String.class
                && returned != DataForm.class && returned != CommandResponse.class) {
            throw new IllegalStateException(HandlerMethod.describe(method) + " returns " + returned.getName()
                    + ": an @XmppCommand method returns nothing, a String (a note), a DataForm (a result form) or "
                    + "a CommandResponse");
        }
        return new CommandMethod(bean, method, sources, xmpp);
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
    public @Nullable CommandResponse handle(CommandRequest request) throws Exception {
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
        return response(result);
    }

    private static @Nullable CommandResponse response(@Nullable Object result) {
        if (result instanceof String note) {
            return CommandResponse.completed(note);
        }
        if (result instanceof DataForm form) {
            return CommandResponse.completed(form);
        }
        return (CommandResponse) result;
    }

    @Override
    public String toString() {
        return HandlerMethod.describe(method);
    }
}
