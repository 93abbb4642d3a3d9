package org.xmppboot.spring.listener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stanza.StanzaSender;
import org.xmppboot.stream.HandlerException;
import org.xmppboot.xml.XmlElement;

/**
 * The run-time side of an annotated handler, as spring-kafka's listener adapters are to its endpoints: for each
 * stanza or event it resolves the method's arguments ({@link HandlerMethod}), calls it, turns what it returns
 * into stanzas, and hands failures to the {@link XmppHandlerErrorHandler}. An iq request gets exactly one
 * response whatever the method does: returns nothing, answers itself, throws, or returns a future that fails.
 *
 * <p>A failure is rethrown after the iq (if any) is answered, so that the connection, which called
 * {@link #invoke}, logs it, counts it and raises it as the {@code exception} event.
 */
final class HandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HandlerAdapter.class);

    private final String handlerId;
    private final HandlerMethod method;
    private final BaseXMPP xmpp;
    private final @Nullable XmppHandlerErrorHandler errorHandler;

    HandlerAdapter(String handlerId, HandlerMethod method, BaseXMPP xmpp,
            @Nullable XmppHandlerErrorHandler errorHandler) {
        this.handlerId = handlerId;
        this.method = method;
        this.xmpp = xmpp;
        this.errorHandler = errorHandler;
    }

    /**
     * Runs the handler for a payload (a stanza, for stanza handlers).
     *
     * @throws RuntimeException what the handler threw (a checked exception wrapped in a
     *     {@link HandlerException}, which the connection unwraps), after an iq request was answered
     */
    void invoke(@Nullable Object payload) {
        try {
            run(payload);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new HandlerException(handlerId, t, payload);
        }
    }

    private void run(@Nullable Object payload) throws Throwable {
        StanzaBase stanza = payload instanceof StanzaBase s ? s : null;
        Answer answer = stanza instanceof Iq iq && iq.getIqType() != null && iq.getIqType().isRequest()
                ? new Answer(iq, xmpp) : null;
        if (answer != null) {
            // Whatever the handler sends through the stanza (iq.reply().sendResponse()) is seen here.
            stanza.sender(answer);
        }
        Object result;
        try {
            result = method.invoke(payload, stanza, xmpp);
        } catch (Throwable error) {
            fail(stanza, answer, error);
            throw error;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    log.error("Handler '{}' failed asynchronously", handlerId, cause);
                    fail(stanza, answer, cause);
                } else {
                    complete(value, stanza, answer);
                }
            });
        } else {
            complete(result, stanza, answer);
        }
    }

    private void fail(@Nullable StanzaBase stanza, @Nullable Answer answer, Throwable error) {
        if (errorHandler != null) {
            try {
                complete(errorHandler.handleError(handlerId, stanza, error), stanza, answer);
                return;
            } catch (Throwable rethrown) {
                error = rethrown;
            }
        }
        if (answer != null && !answer.answered) {
            StanzaError.Condition condition = error instanceof StanzaErrorException e ? e.condition()
                    : StanzaError.Condition.INTERNAL_SERVER_ERROR;
            String text = error instanceof StanzaErrorException e ? e.text() : null;
            answer.send(answer.request.error(condition, text));
        }
    }

    private void complete(@Nullable Object result, @Nullable StanzaBase stanza, @Nullable Answer answer) {
        try {
            respond(result, stanza, answer);
        } catch (RuntimeException e) {
            log.error("Handler '{}': cannot send what it returned", handlerId, e);
            if (answer != null && !answer.answered) {
                answer.send(answer.request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null));
            }
        }
    }

    private void respond(@Nullable Object result, @Nullable StanzaBase stanza, @Nullable Answer answer) {
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> {
                if (error != null) {
                    fail(stanza, answer, error);
                } else {
                    complete(value, stanza, answer);
                }
            });
            return;
        }
        if (answer != null) {
            respondToIq(result, answer);
            return;
        }
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
            log.warn("Handler '{}' returned a {} (ignored): return a String, a stanza, an XmlElement (iq only) "
                    + "or a CompletableFuture of one", handlerId, result.getClass().getName());
        }
    }

    private void respondToIq(@Nullable Object result, Answer answer) {
        if (answer.answered) {
            if (result != null) {
                log.warn("Handler '{}' answered iq '{}' itself and also returned a response; the return value is "
                        + "ignored", handlerId, answer.request.getId());
            }
            return;
        }
        Iq request = answer.request;
        if (result == null) {
            answer.send(request.reply());
        } else if (result instanceof XmlElement payload) {
            answer.send(request.reply().setPayload(payload));
        } else if (result instanceof Iq response && response.getIqType() != null
                && !response.getIqType().isRequest()) {
            if (response.getId() == null) {
                response.setId(request.getId());
            }
            if (response.getTo() == null) {
                response.setTo(request.getFrom());
            }
            answer.send(response);
        } else {
            log.error("Handler '{}' returned a {} for an iq request: return an XmlElement (the result's payload), "
                    + "an iq result or error, or nothing", handlerId, result.getClass().getName());
            answer.send(request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null));
        }
    }

    /** Tracks whether an iq request has been answered, by the handler or by us. */
    private static final class Answer implements StanzaSender {
        final Iq request;
        final BaseXMPP xmpp;
        volatile boolean answered;

        Answer(Iq request, BaseXMPP xmpp) {
            this.request = request;
            this.xmpp = xmpp;
        }

        @Override
        public synchronized void send(StanzaBase stanza) {
            if (stanza instanceof Iq iq && iq.getIqType() != null && !iq.getIqType().isRequest()
                    && java.util.Objects.equals(iq.getId(), request.getId())) {
                if (answered) {
                    log.warn("A second response to iq '{}' was dropped: an iq gets exactly one", request.getId());
                    return;
                }
                answered = true;
            }
            xmpp.send(stanza);
        }

        @Override
        public CompletableFuture<Iq> sendIq(Iq iq, @Nullable Duration timeout) {
            return xmpp.sendIq(iq, timeout);
        }
    }
}
