package org.xmppboot.spring.listener;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.BaseXMPP;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stanza.StanzaSender;
import org.xmppboot.stream.HandlerException;
import org.xmppboot.xml.XmlElement;

/**
 * Answers an iq get or set that reached a plain stream handler, one whose matcher names no {@code IqRoute} (an
 * xpath, a mask, a path without the payload, a lone {@code Iq} parameter), exactly once and by the rules of
 * core's {@link IqHandler}: the method runs as one ({@link MethodIqHandler}), and what it returns or throws is
 * answered as core would answer it. Core answers only the requests of a route, and offers no way to answer one
 * matched otherwise; this is that, until it does.
 *
 * <p>A request that a core iq handler answers (a route {@code @StanzaHandler}'s, a plugin's) is left to it: the
 * method is not called, so that the request does not get two responses.
 *
 * <p>A failure is rethrown once the request is answered, for the connection to log, count and raise as the
 * {@code exception} event; that of a returned future, which fails later, is logged and raised here.
 */
final class UnroutedIqResponder {

    private static final Logger log = LoggerFactory.getLogger(UnroutedIqResponder.class);

    private final String handlerId;
    private final IqHandler handler;
    private final BaseXMPP xmpp;

    UnroutedIqResponder(String handlerId, IqHandler handler, BaseXMPP xmpp) {
        this.handlerId = handlerId;
        this.handler = handler;
        this.xmpp = xmpp;
    }

    /**
     * @throws RuntimeException what the method threw (a checked exception wrapped in a {@link HandlerException}),
     *     after the request was answered
     */
    void answer(Iq request) {
        if (IqRoutes.answered(xmpp, request)) {
            log.debug("Handler '{}' leaves iq '{}' to the iq handler of its route", handlerId, request.getId());
            return;
        }
        Throwable failure = new Exchange(request).run();
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new HandlerException(handlerId, failure, request);
        }
    }

    /** One request and its one response; the request's sender meanwhile, to see a response sent through it. */
    private final class Exchange implements StanzaSender {

        private final Iq request;
        private boolean answered; // guarded by this

        Exchange(Iq request) {
            this.request = request;
        }

        /** Runs the handler; returns a failure to report, or null. */
        @Nullable Throwable run() {
            request.sender(this);
            Object result;
            try {
                result = handler.handle(request);
            } catch (Throwable t) {
                return fail(t);
            }
            complete(result);
            return null;
        }

        @Override
        public void send(StanzaBase stanza) {
            if (stanza instanceof Iq iq && iq.getIqType() != null && !iq.getIqType().isRequest()
                    && Objects.equals(iq.getId(), request.getId())) {
                respond(iq, false);
            } else {
                xmpp.send(stanza);
            }
        }

        @Override
        public CompletableFuture<Iq> sendIq(Iq iq, @Nullable Duration timeout) {
            return xmpp.sendIq(iq, timeout);
        }

        private void complete(@Nullable Object result) {
            if (result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> {
                    if (error == null) {
                        complete(value);
                        return;
                    }
                    Throwable failure = fail(Recovery.unwrap(error));
                    if (failure != null) {
                        log.error("Handler '{}' failed", handlerId, failure);
                        xmpp.event("exception", new HandlerException(handlerId, failure, request));
                    }
                });
            } else if (result == null) {
                respond(request.reply(), true); // unless it answered through the request
            } else if (result instanceof XmlElement payload) {
                respond(request.reply().setPayload(payload), false);
            } else if (result instanceof Iq response && response.getIqType() != null
                    && !response.getIqType().isRequest()) {
                respond(addressed(response), false);
            } else {
                log.error("Handler '{}' returned a {} for an iq request: return nothing (an empty result), an "
                        + "XmlElement (the result's payload), an iq result or error, or a CompletionStage of one",
                        handlerId, result.getClass().getName());
                respond(request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null), false);
            }
        }

        private Iq addressed(Iq response) {
            response.setId(request.getId());
            if (response.xml().attribute("to") == null) {
                response.xml().setAttribute("to", request.xml().attribute("from"));
            }
            if (response.xml().attribute("from") == null) {
                response.xml().setAttribute("from", request.xml().attribute("to"));
            }
            return response;
        }

        /** Answers with the error a failure stands for; returns it if it is one to report. */
        private @Nullable Throwable fail(Throwable failure) {
            if (failure instanceof StanzaErrorException refusal) {
                respond(request.error(refusal.condition(), refusal.text()), false);
                return null;
            }
            respond(request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null), false);
            return failure;
        }

        /** Sends the response unless one went out already; {@code quiet}: that is no mistake. */
        private synchronized void respond(Iq response, boolean quiet) {
            if (answered) {
                if (!quiet) {
                    log.warn("Handler '{}': a second response to iq '{}' was dropped; a request gets exactly one",
                            handlerId, request.getId());
                }
                return;
            }
            answered = true;
            try {
                xmpp.send(response);
            } catch (IllegalArgumentException e) {
                log.error("Handler '{}': its response to iq '{}' cannot be sent", handlerId, request.getId(), e);
                xmpp.send(request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null));
            } catch (IllegalStateException e) {
                log.debug("No response to iq '{}': {}", request.getId(), e.getMessage());
            }
        }
    }
}
