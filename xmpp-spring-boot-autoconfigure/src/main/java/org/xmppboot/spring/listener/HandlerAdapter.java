package org.xmppboot.spring.listener;

import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.BaseXMPP;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.HandlerException;

/**
 * The run-time side of a plain stanza handler or an event handler, as spring-kafka's listener adapters are to
 * its endpoints: for each stanza or event it resolves the method's arguments ({@link HandlerMethod}), calls it,
 * hands a failure to the {@link XmppHandlerErrorHandler} and sends what is returned. An iq get or set given to
 * a stanza handler is answered once by core instead ({@code BaseXMPP.answerIq}), the method running as a
 * {@link MethodIqHandler}; one that a core iq handler answers (a route {@code @StanzaHandler}'s, a plugin's) is
 * left to it, so that it does not get two responses. (Route iq handlers are core's: {@link IqHandlerEndpoint}.)
 *
 * <p>What the error handler returns stands for the method's return value. A failure it does not take is
 * rethrown, so that the connection, which called {@link #invoke}, logs it, counts it and raises it as the
 * {@code exception} event; that of a returned future is logged and raised here.
 */
final class HandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HandlerAdapter.class);

    private final String handlerId;
    private final HandlerMethod method;
    private final BaseXMPP xmpp;
    private final Recovery recovery;
    private final @Nullable IqHandler iqHandler;

    private HandlerAdapter(String handlerId, HandlerMethod method, BaseXMPP xmpp,
            @Nullable XmppHandlerErrorHandler errorHandler, boolean answersIqs) {
        this.handlerId = handlerId;
        this.method = method;
        this.xmpp = xmpp;
        this.recovery = new Recovery(handlerId, errorHandler);
        this.iqHandler = answersIqs ? new MethodIqHandler(method, xmpp, null, recovery) : null;
    }

    /** For a plain stanza handler, which answers the iq requests it is given. */
    static HandlerAdapter forStanzas(String handlerId, HandlerMethod method, BaseXMPP xmpp,
            @Nullable XmppHandlerErrorHandler errorHandler) {
        return new HandlerAdapter(handlerId, method, xmpp, errorHandler, true);
    }

    /** For an event handler: an event is no request, whatever its payload. */
    static HandlerAdapter forEvents(String handlerId, HandlerMethod method, BaseXMPP xmpp,
            @Nullable XmppHandlerErrorHandler errorHandler) {
        return new HandlerAdapter(handlerId, method, xmpp, errorHandler, false);
    }

    /**
     * Runs the handler for a payload (a stanza, for stanza handlers).
     *
     * @throws RuntimeException what the handler threw (a checked exception wrapped in a
     *     {@link HandlerException}, which the connection unwraps), unless the error handler took it
     */
    void invoke(@Nullable Object payload) {
        if (iqHandler != null && payload instanceof Iq iq && iq.getIqType() != null
                && iq.getIqType().isRequest()) {
            String answering = xmpp.iqHandlerFor(iq);
            if (answering != null) {
                log.debug("Handler '{}' leaves iq '{}' to '{}'", handlerId, iq.getId(), answering);
            } else {
                xmpp.answerIq(handlerId, iq, iqHandler);
            }
            return;
        }
        StanzaBase stanza = payload instanceof StanzaBase s ? s : null;
        Object result;
        try {
            result = method.invoke(payload, stanza, xmpp);
        } catch (Throwable failure) {
            result = recover(stanza, failure, payload);
        }
        send(result, stanza);
    }

    private @Nullable Object recover(@Nullable StanzaBase stanza, Throwable failure, @Nullable Object payload) {
        try {
            return recovery.recover(stanza, failure);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new HandlerException(handlerId, t, payload);
        }
    }

    private void send(@Nullable Object result, @Nullable StanzaBase stanza) {
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> {
                if (error == null) {
                    send(value, stanza);
                    return;
                }
                try {
                    send(recovery.recover(stanza, Recovery.unwrap(error)), stanza);
                } catch (Throwable failure) {
                    log.error("Handler '{}' failed", handlerId, failure);
                    xmpp.event("exception", new HandlerException(handlerId, failure, stanza));
                }
            });
            return;
        }
        try {
            reply(result, stanza);
        } catch (RuntimeException e) {
            log.error("Handler '{}': cannot send what it returned", handlerId, e);
        }
    }

    private void reply(@Nullable Object result, @Nullable StanzaBase stanza) {
        if (result == null) {
            return;
        }
        if (result instanceof StanzaBase out) {
            xmpp.send(out);
        } else if (result instanceof String text) {
            if (stanza instanceof Message message) {
                xmpp.send(message.reply(text));
            } else if (stanza != null && stanza.getFrom() != null) {
                xmpp.sendMessage(stanza.getFrom(), text, Message.Type.CHAT);
            } else {
                log.warn("Handler '{}' returned text but there is no one to send it to", handlerId);
            }
        } else {
            log.warn("Handler '{}' returned a {} (ignored): return a String, a stanza or a CompletableFuture of one",
                    handlerId, result.getClass().getName());
        }
    }
}
