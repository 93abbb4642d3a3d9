package org.xmppboot.spring.listener;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.EventHandler;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.spring.annotation.StanzaHandler;

/**
 * A {@link StanzaHandler} method as a stream handler on the connection. Everything the annotation says is
 * worked out once, here: the matcher, the stanza types, the condition. Per stanza, the read thread runs the
 * matcher (and the condition, if there is one), and the event thread calls the {@link HandlerAdapter}.
 *
 * <p>A method whose path names an iq request and its payload is no stream handler of ours but a core iq handler:
 * {@link #create} makes an {@link IqHandlerEndpoint} of it. Any other matcher (an xpath, a mask, a path without
 * the payload) stays a plain stream handler; an iq get or set it takes is still answered exactly once, by
 * core ({@link HandlerAdapter}).
 *
 * <p>A threaded handler must be timed and reported where its method runs, on the handler executor, exactly as
 * the connection does for threaded event handlers. So it runs as one: the stream handler (named
 * {@code <id>:hand-off}) only passes the stanza to the executor, in order per sender, and there raises it as
 * the event named by the handler's id, directly on that thread. The connection then times the call as handler
 * {@code <id>}, counts a failure in {@code handlerFailures()} and raises it as the {@code exception} event.
 */
final class StanzaHandlerEndpoint extends AbstractXmppHandlerEndpoint {

    /** The suffix of a threaded handler's stream handler, which only hands stanzas to the executor. */
    static final String HAND_OFF = ":hand-off";

    private final BaseXMPP xmpp;
    private final StreamHandler handler;
    private final @Nullable EventHandler threadedRun;
    private boolean threadedRunRegistered;

    private StanzaHandlerEndpoint(String id, String description, BaseXMPP xmpp, StreamHandler handler,
            @Nullable EventHandler threadedRun) {
        super(id, description);
        this.xmpp = xmpp;
        this.handler = handler;
        this.threadedRun = threadedRun;
    }

    /**
     * The endpoint of a {@code @StanzaHandler} method: a core iq handler for a route path, else a stream handler.
     *
     * @throws IllegalStateException naming the method, when the annotation or the signature can never work
     */
    static AbstractXmppHandlerEndpoint create(String id, Object bean, Method method, StanzaHandler annotation,
            BaseXMPP xmpp, @Nullable XmppHandlerErrorHandler errorHandler, @Nullable HandlerObservation observation,
            String room) {
        HandlerMethod plain = HandlerMethod.forStanzas(bean, method, xmpp.getClass());
        Class<? extends StanzaBase> parameterType = plain.stanzaType();
        Class<? extends StanzaBase> annotationType = annotation.type();
        Jid roomJid = room(room, method);
        Matcher base = roomJid != null && !hasMatcher(annotation) ? Matcher.stanzaPath("message@type=groupchat/body")
                : matcher(annotation, parameterType, annotationType, method);
        if (roomJid != null) {
            Matcher any = base;
            base = stanza -> any.matches(stanza) && stanza instanceof Message m
                    && m.getMessageType() == Message.Type.GROUPCHAT && m.getFrom() != null
                    && roomJid.equals(m.getFrom().bare());
        }
        IqRoute route = StringUtils.hasText(annotation.path()) ? IqRoutes.route(annotation.path()) : null;
        if (route != null) {
            return IqHandlerEndpoint.create(id, route, method, plain.observed(observation, id, "iq"), annotation,
                    xmpp, errorHandler);
        }
        HandlerMethod handlerMethod = plain.observed(observation, id, "stanza");
        Matcher matcher = narrow(base, parameterType, annotationType,
                HandlerCondition.parse(annotation.condition(), method), xmpp);
        HandlerAdapter adapter = HandlerAdapter.forStanzas(id, handlerMethod, xmpp, errorHandler);
        if (!annotation.threaded()) {
            return new StanzaHandlerEndpoint(id, "stanza " + base, xmpp, StreamHandler.of(id, matcher,
                    adapter::invoke), null);
        }
        StreamHandler handOff = StreamHandler.of(id + HAND_OFF, matcher, stanza -> xmpp.executeThreaded(
                stanza.xml().attribute("from"), () -> xmpp.event(id, stanza, true)));
        EventHandler run = data -> {
            if (data instanceof StanzaBase) {
                adapter.invoke(data);
            }
        };
        return new StanzaHandlerEndpoint(id, "stanza " + base + " (threaded)", xmpp, handOff, run);
    }

    @Override
    @Nullable String event() {
        return threadedRun == null ? null : id();
    }

    @Override
    boolean ownsEvent() {
        return threadedRun != null;
    }

    /**
     * Stopping removes the stream handler only: stanzas already handed to the executor still run (an iq
     * request among them still gets its answer). The event a threaded handler runs as stays registered.
     */
    @Override
    void register() {
        if (threadedRun != null && !threadedRunRegistered) {
            if (xmpp.eventHandlerCount(id()) > 0) {
                throw new IllegalStateException("The threaded @StanzaHandler '" + id() + "' runs as the event of "
                        + "that name, which already has handlers; give the handler another id");
            }
            xmpp.addEventHandler(id(), threadedRun);
            threadedRunRegistered = true;
        }
        xmpp.registerHandler(handler);
    }

    @Override
    void unregister() {
        xmpp.removeHandler(handler.name());
    }

    /** The annotation's matcher, or the one the stanza parameter's type implies. */
    private static boolean hasMatcher(StanzaHandler a) {
        return StringUtils.hasText(a.path()) || StringUtils.hasText(a.xpath()) || StringUtils.hasText(a.mask());
    }

    private static @Nullable Jid room(String room, Method method) {
        if (!StringUtils.hasText(room)) {
            return null;
        }
        Jid jid = Jid.ofOrNull(room.strip());
        if (jid == null || !jid.isBare() || jid.local() == null) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": room '" + room
                    + "' is not a room's bare JID, such as team@conference.example.org");
        }
        return jid;
    }

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
