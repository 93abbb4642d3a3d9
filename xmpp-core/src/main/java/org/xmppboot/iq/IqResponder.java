package org.xmppboot.iq;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stanza.StanzaSender;
import org.xmppboot.stream.HandlerException;
import org.xmppboot.stream.XMLStream;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.xml.XmlElement;

/**
 * Answers received iq requests with the registered {@link IqHandler}s, exactly once each (RFC 6120 §8.2.3).
 * {@code BaseXMPP} owns one. Each handler is a stream handler of its own name, matched by its {@link IqRoute}, so
 * it is timed, counted and listed like any other; a request no route matches is answered
 * {@code service-unavailable} by {@code BaseXMPP} (§8.4). A threaded handler's stream handler only hands the
 * request to the handler executor, under {@code <name>:hand-off}; the handler is timed there as {@code <name>}.
 *
 * <p>Raw {@link StreamHandler}s that match iq requests are left alone: they own their response, unless they
 * answer it through {@link #answer}.
 */
public final class IqResponder {

    private static final Logger log = LoggerFactory.getLogger(IqResponder.class);

    /** The name suffix of a threaded handler's stream handler, so that its run alone is timed as the handler. */
    private static final String HAND_OFF = ":hand-off";

    private final XMLStream stream;
    /** Read without the lock: {@link #handlerFor} is asked per request, on handler threads. */
    private final Map<IqRoute, String> nameByRoute = new ConcurrentHashMap<>(); // written under this
    private final Map<String, Registration> byName = new HashMap<>(); // guarded by this

    private record Registration(IqRoute route, String streamHandler) {
    }

    public IqResponder(XMLStream stream) {
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    /**
     * Registers a handler; one of the same name is replaced.
     *
     * @param threaded run on the handler executor (in order per sender) instead of the event thread
     * @throws IllegalStateException when another handler answers this route already: two would answer twice
     */
    public synchronized void register(String name, IqRoute route, IqHandler handler, boolean threaded) {
        Objects.requireNonNull(handler, "handler");
        String holder = nameByRoute.get(route);
        if (holder != null && !holder.equals(name)) {
            throw new IllegalStateException("Iq handler '" + holder + "' already answers " + route + "; '" + name
                    + "' cannot too: a request gets exactly one response (remove '" + holder + "' first)");
        }
        String streamHandler = threaded ? name + HAND_OFF : name;
        Registration previous = byName.put(name, new Registration(route, streamHandler));
        if (previous != null) {
            nameByRoute.remove(previous.route());
            if (!previous.streamHandler().equals(streamHandler)) {
                stream.removeHandler(previous.streamHandler());
            }
        }
        nameByRoute.put(route, name);
        stream.registerHandler(StreamHandler.of(streamHandler, route,
                s -> onRequest(name, handler, threaded, (Iq) s)));
    }

    /** Removes the handler of this name; requests it would have answered get {@code service-unavailable}. */
    public synchronized boolean remove(String name) {
        Registration registration = byName.remove(name);
        if (registration == null) {
            return false;
        }
        nameByRoute.remove(registration.route());
        stream.removeHandler(registration.streamHandler());
        return true;
    }

    /** The name of the handler that answers this route, or null. */
    public @Nullable String handlerFor(IqRoute route) {
        return nameByRoute.get(route);
    }

    /** The name of the handler whose route this request is (a get or set with a payload), or null. */
    public @Nullable String handlerFor(Iq request) {
        Iq.Type type = request.getIqType();
        XmlElement payload = request.getPayload();
        if (type == null || !type.isRequest() || payload == null) {
            return null;
        }
        return nameByRoute.get(new IqRoute(type, payload.namespace(), payload.name()));
    }

    /**
     * Answers one get or set with a handler on the calling thread, under the same contract as a registered one:
     * for a request that a stream handler took by another matcher than a route. The caller should be that
     * stream handler's run, which then reports what is thrown, as it does for a registered handler.
     *
     * @param name the handler's name, in messages and in the {@code exception} event of a returned future
     * @throws RuntimeException what the handler failed with (a checked exception in a {@link HandlerException}),
     *     after the request was answered {@code internal-server-error}
     */
    public void answer(String name, Iq request, IqHandler handler) {
        Iq.Type type = request.getIqType();
        if (type == null || !type.isRequest()) {
            throw new IllegalArgumentException("Only a get or set is answered, not iq '" + request.getId() + "'");
        }
        rethrow(name, request, new Exchange(name, request).run(handler));
    }

    /** On the event thread. */
    private void onRequest(String name, IqHandler handler, boolean threaded, Iq request) {
        if (threaded) {
            // Timed, counted and reported on the executor as a threaded event handler is.
            stream.executeThreadedHandler(name, request.xml().attribute("from"), request,
                    () -> rethrow(name, request, new Exchange(name, request).run(handler)));
            return;
        }
        rethrow(name, request, new Exchange(name, request).run(handler));
    }

    /** Rethrows a failure for the run around the handler to log, count and raise, as for any handler. */
    private static void rethrow(String name, Iq request, @Nullable Throwable failure) {
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new HandlerException(name, failure, request);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * One request and its one response. It is the request's sender while the handler runs, so a response the
     * handler sends through the request ({@code request.reply()...sendResponse()}) is seen and counts.
     */
    private final class Exchange implements StanzaSender {

        private final String handler;
        private final Iq request;
        private boolean answered; // guarded by this

        Exchange(String handler, Iq request) {
            this.handler = handler;
            this.request = request;
        }

        /** Runs the handler; returns a failure to report, or null. */
        @Nullable Throwable run(IqHandler iqHandler) {
            request.sender(this);
            Object result;
            try {
                result = iqHandler.handle(request);
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
                respond(iq);
            } else {
                stream.send(stanza);
            }
        }

        @Override
        public CompletableFuture<Iq> sendIq(Iq iq, @Nullable Duration timeout) {
            return stream.sendIq(iq, timeout);
        }

        private void complete(@Nullable Object result) {
            if (result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> {
                    if (error == null) {
                        complete(value);
                        return;
                    }
                    Throwable failure = fail(unwrap(error));
                    if (failure != null) {
                        // Long after the handler's timed run: counted and raised here, or never.
                        stream.reportHandlerFailure(handler, failure, request);
                    }
                });
                return;
            }
            if (result == null) {
                respond(request.reply(), true); // unless it answered through the request
            } else if (result instanceof XmlElement payload) {
                respond(request.reply().setPayload(payload));
            } else if (result instanceof Iq response && response.getIqType() != null
                    && !response.getIqType().isRequest()) {
                respond(addressed(response));
            } else {
                log.error("[{}] iq handler '{}' returned a {}: return null (an empty result), an XmlElement (the "
                        + "result's payload), an iq result or error, or a CompletionStage of one",
                        stream.config().name(), handler, result.getClass().getName());
                respond(request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null));
            }
        }

        /** The response a returned iq stands for: the request's id, and addressed as {@code reply()} would. */
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

        /** Answers with the error a failure stands for; returns it if it is a failure to report. */
        private @Nullable Throwable fail(Throwable failure) {
            if (failure instanceof StanzaErrorException refusal) {
                // A deliberate answer, not a failure.
                respond(request.error(refusal.condition(), refusal.text()));
                return null;
            }
            respond(request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null));
            return failure;
        }

        private void respond(Iq response) {
            respond(response, false);
        }

        /** Sends the response unless one went out already; {@code quiet}: that is no mistake. */
        private synchronized void respond(Iq response, boolean quiet) {
            if (answered) {
                if (quiet) {
                    return;
                }
                log.warn("[{}] iq handler '{}': a second response to iq '{}' was dropped; a request gets exactly "
                        + "one (RFC 6120 §8.2.3)", stream.config().name(), handler, request.getId());
                return;
            }
            answered = true;
            try {
                stream.send(response);
            } catch (IllegalArgumentException e) {
                // The response cannot be written (a character XML cannot carry): the request still gets one.
                log.error("[{}] iq handler '{}': its response to iq '{}' cannot be sent", stream.config().name(),
                        handler, request.getId(), e);
                stream.send(request.error(StanzaError.Condition.INTERNAL_SERVER_ERROR, null));
            } catch (IllegalStateException e) {
                log.debug("[{}] no response to iq '{}': {}", stream.config().name(), request.getId(),
                        e.getMessage());
            }
        }
    }
}
