package org.xmppboot.spring.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ReflectionUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.StanzaBase;

/**
 * One annotated bean method, with each parameter's source decided once, at start-up: the stanza, the
 * connection, the sender's JID, or (for events) the payload.
 */
final class HandlerMethod {

    private enum Source { STANZA, CONNECTION, SENDER, PAYLOAD }

    private final Object bean;
    private final Method method;
    private final Source[] sources;
    private final Class<?>[] types;
    private final @Nullable Observed observed;

    /** How calls are observed: by whom, as which handler, of which kind. */
    private record Observed(HandlerObservation observation, String handlerId, String kind) {
    }

    private HandlerMethod(Object bean, Method method, Source[] sources, @Nullable Observed observed) {
        this.bean = bean;
        this.method = method;
        this.sources = sources;
        this.types = method.getParameterTypes();
        this.observed = observed;
        ReflectionUtils.makeAccessible(method);
    }

    /** The same method with each call wrapped in an observation; without one, this method itself. */
    HandlerMethod observed(@Nullable HandlerObservation observation, String handlerId, String kind) {
        return observation == null ? this
                : new HandlerMethod(bean, method, sources, new Observed(observation, handlerId, kind));
    }

    /**
     * For a stanza handler: every parameter must be a stanza, the connection or a JID.
     *
     * @throws IllegalStateException naming the parameter that can never be given
     */
    static HandlerMethod forStanzas(Object bean, Method method, Class<? extends BaseXMPP> connectionType) {
        Parameter[] parameters = method.getParameters();
        Source[] sources = new Source[parameters.length];
        boolean stanza = false;
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            if (StanzaBase.class.isAssignableFrom(type) && !stanza) {
                sources[i] = Source.STANZA;
                stanza = true;
            } else if (BaseXMPP.class.isAssignableFrom(type)) {
                sources[i] = connection(method, i, type, connectionType);
            } else if (type == Jid.class) {
                sources[i] = Source.SENDER;
            } else {
                throw new IllegalStateException(describe(method) + ": parameter " + (i + 1) + " ("
                        + type.getName() + ") can never be given. A @StanzaHandler method takes the stanza (one "
                        + "parameter of a stanza class), the connection (BaseXMPP or " + connectionType.getSimpleName()
                        + ") and the sender's Jid.");
            }
        }
        return new HandlerMethod(bean, method, sources, null);
    }

    /** For an event handler: besides the connection, a stanza parameter and a JID, anything is the payload. */
    static HandlerMethod forEvents(Object bean, Method method, Class<? extends BaseXMPP> connectionType) {
        Parameter[] parameters = method.getParameters();
        Source[] sources = new Source[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            if (BaseXMPP.class.isAssignableFrom(type)) {
                sources[i] = connection(method, i, type, connectionType);
            } else {
                sources[i] = Source.PAYLOAD;
            }
        }
        return new HandlerMethod(bean, method, sources, null);
    }

    private static Source connection(Method method, int index, Class<?> type,
            Class<? extends BaseXMPP> connectionType) {
        if (!type.isAssignableFrom(connectionType)) {
            throw new IllegalStateException(describe(method) + ": parameter " + (index + 1) + " asks for a "
                    + type.getSimpleName() + " but the connection is a " + connectionType.getSimpleName()
                    + " (check xmpp.mode)");
        }
        return Source.CONNECTION;
    }

    /** The stanza class this method accepts, from its stanza parameter; {@code StanzaBase} if it has none. */
    @SuppressWarnings("unchecked")
    Class<? extends StanzaBase> stanzaType() {
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] == Source.STANZA) {
                return (Class<? extends StanzaBase>) types[i];
            }
        }
        return StanzaBase.class;
    }

    /**
     * Whether the event payload can be given to this method: each payload parameter must accept it (a JID
     * parameter also accepts the sender of a stanza payload).
     */
    boolean accepts(@Nullable Object payload) {
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] == Source.PAYLOAD && payload != null && !types[i].isInstance(payload)
                    && !(types[i] == Jid.class && payload instanceof StanzaBase)) {
                return false;
            }
        }
        return true;
    }

    @Nullable Object invoke(@Nullable Object payload, @Nullable StanzaBase stanza, BaseXMPP xmpp) throws Throwable {
        Observed o = observed;
        return o == null ? call(payload, stanza, xmpp)
                : o.observation().observe(o.handlerId(), o.kind(), payload, () -> call(payload, stanza, xmpp));
    }

    private @Nullable Object call(@Nullable Object payload, @Nullable StanzaBase stanza, BaseXMPP xmpp)
            throws Throwable {
        Object[] args = new Object[sources.length];
        for (int i = 0; i < sources.length; i++) {
            args[i] = switch (sources[i]) {
                case STANZA -> stanza;
                case CONNECTION -> xmpp;
                case SENDER -> stanza == null ? null : stanza.getFrom();
                case PAYLOAD -> types[i].isInstance(payload) ? payload
                        : types[i] == Jid.class && stanza != null ? stanza.getFrom() : null;
            };
        }
        try {
            return method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "()";
    }
}
