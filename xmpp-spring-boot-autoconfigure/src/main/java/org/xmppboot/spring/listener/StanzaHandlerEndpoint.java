package org.xmppboot.spring.listener;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.spring.annotation.StanzaHandler;

/**
 * A {@link StanzaHandler} method as a stream handler on the connection. Everything the annotation says is
 * worked out once, here: the matcher, the stanza types, the condition. Per stanza, the read thread runs the
 * matcher (and the condition, if there is one), and the event thread calls the {@link HandlerAdapter}.
 */
final class StanzaHandlerEndpoint extends AbstractXmppHandlerEndpoint {

    private static final Logger log = LoggerFactory.getLogger(StanzaHandlerEndpoint.class);

    private final BaseXMPP xmpp;
    private final StreamHandler handler;

    private StanzaHandlerEndpoint(String id, String description, BaseXMPP xmpp, StreamHandler handler) {
        super(id, description);
        this.xmpp = xmpp;
        this.handler = handler;
    }

    /**
     * @throws IllegalStateException naming the method, when the annotation or the signature can never work
     */
    static StanzaHandlerEndpoint create(String id, Object bean, Method method, StanzaHandler annotation,
            BaseXMPP xmpp, @Nullable XmppHandlerErrorHandler errorHandler) {
        HandlerMethod handlerMethod = HandlerMethod.forStanzas(bean, method, xmpp.getClass());
        Class<? extends StanzaBase> parameterType = handlerMethod.stanzaType();
        Class<? extends StanzaBase> annotationType = annotation.type();
        Matcher base = matcher(annotation, parameterType, annotationType, method);
        Matcher matcher = narrow(base, parameterType, annotationType,
                HandlerCondition.parse(annotation.condition(), method), xmpp);
        HandlerAdapter adapter = new HandlerAdapter(id, handlerMethod, xmpp, errorHandler);
        StreamHandler handler = annotation.threaded()
                ? StreamHandler.of(id, matcher, stanza -> xmpp.executeThreaded(stanza.xml().attribute("from"),
                        () -> invokeLogged(adapter, stanza)))
                : StreamHandler.of(id, matcher, adapter::invoke);
        return new StanzaHandlerEndpoint(id, "stanza " + base, xmpp, handler);
    }

    private static void invokeLogged(HandlerAdapter adapter, StanzaBase stanza) {
        try {
            adapter.invoke(stanza);
        } catch (Throwable t) {
            log.error("Threaded handler '{}' failed", adapter.handlerId(), t);
        }
    }

    @Override
    void register() {
        xmpp.registerHandler(handler);
    }

    @Override
    void unregister() {
        xmpp.removeHandler(handler.name());
    }

    /** The annotation's matcher, or the one the stanza parameter's type implies. */
    private static Matcher matcher(StanzaHandler a, Class<? extends StanzaBase> parameterType,
            Class<? extends StanzaBase> annotationType, Method method) {
        int given = (StringUtils.hasText(a.path()) ? 1 : 0) + (StringUtils.hasText(a.xpath()) ? 1 : 0)
                + (StringUtils.hasText(a.mask()) ? 1 : 0);
        if (given > 1) {
            throw new IllegalStateException(HandlerMethod.describe(method)
                    + ": give one of path, xpath and mask, not several");
        }
        try {
            if (StringUtils.hasText(a.path())) {
                return Matcher.stanzaPath(a.path());
            }
            if (StringUtils.hasText(a.xpath())) {
                return Matcher.xpath(a.xpath());
            }
            if (StringUtils.hasText(a.mask())) {
                return Matcher.mask(a.mask());
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": bad matcher: " + e.getMessage(), e);
        }
        Class<?> type = parameterType != StanzaBase.class ? parameterType : annotationType;
        String kind = Message.class.isAssignableFrom(type) ? "message"
                : Presence.class.isAssignableFrom(type) ? "presence"
                : Iq.class.isAssignableFrom(type) ? "iq" : null;
        if (kind == null) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": say which stanzas it handles: a "
                    + "path, xpath or mask, or a Message, Presence or Iq parameter");
        }
        return Matcher.stanzaPath(kind);
    }

    /**
     * The matcher the read thread runs: the base matcher, then only the type checks that can fail, then the
     * condition, if there is one. A handler without a condition never touches SpEL.
     */
    private static Matcher narrow(Matcher base, Class<? extends StanzaBase> parameterType,
            Class<? extends StanzaBase> annotationType, @Nullable HandlerCondition condition, BaseXMPP xmpp) {
        Matcher typed = ofType(ofType(base, annotationType), parameterType);
        if (condition == null) {
            return typed;
        }
        return stanza -> typed.matches(stanza) && condition.test(stanza, stanza, xmpp);
    }

    private static Matcher ofType(Matcher matcher, Class<? extends StanzaBase> type) {
        return type == StanzaBase.class ? matcher : stanza -> type.isInstance(stanza) && matcher.matches(stanza);
    }
}
