package org.xmppboot.spring.listener;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.EventHandler;
import org.xmppboot.spring.annotation.XmppEvent;

/**
 * An {@link XmppEvent} method as an event handler on the connection. The connection runs it on the event
 * thread, or for {@code threaded = true} on the handler executor, and times it and reports its failures itself,
 * under the endpoint's id ({@code bean.method}) as for a {@code @StanzaHandler}.
 * Per event, the payload's type and the condition (if any) decide, then the {@link HandlerAdapter} calls.
 */
final class EventHandlerEndpoint extends AbstractXmppHandlerEndpoint {

    private final BaseXMPP xmpp;
    private final String event;
    private final boolean threaded;
    private final boolean disposable;
    private final EventHandler handler;

    private EventHandlerEndpoint(String id, XmppEvent annotation, BaseXMPP xmpp, EventHandler handler) {
        super(id, "event " + annotation.value());
        this.xmpp = xmpp;
        this.event = annotation.value();
        this.threaded = annotation.threaded();
        this.disposable = annotation.disposable();
        this.handler = handler;
    }

    /**
     * @throws IllegalStateException naming the method, when the annotation or the signature can never work
     */
    static EventHandlerEndpoint create(String id, Object bean, Method method, XmppEvent annotation, BaseXMPP xmpp,
            @Nullable XmppHandlerErrorHandler errorHandler, @Nullable HandlerObservation observation) {
        if (!StringUtils.hasText(annotation.value())) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": @XmppEvent needs an event name");
        }
        HandlerMethod handlerMethod = HandlerMethod.forEvents(bean, method, xmpp.getClass())
                .observed(observation, id, "event");
        HandlerCondition condition = HandlerCondition.parse(annotation.condition(), method);
        HandlerAdapter adapter = HandlerAdapter.forEvents(id, handlerMethod, xmpp, errorHandler);
        EventHandler handler = EventHandler.named(id, condition == null
                ? data -> {
                    if (handlerMethod.accepts(data)) {
                        adapter.invoke(data);
                    }
                }
                : data -> {
                    if (handlerMethod.accepts(data)
                            && condition.test(data, data instanceof StanzaBase s ? s : null, xmpp)) {
                        adapter.invoke(data);
                    }
                });
        return new EventHandlerEndpoint(id, annotation, xmpp, handler);
    }

    @Override
    String event() {
        return event;
    }

    @Override
    void register() {
        xmpp.addEventHandler(event, handler, threaded, disposable);
    }

    @Override
    void unregister() {
        xmpp.removeEventHandler(event, handler);
    }
}
