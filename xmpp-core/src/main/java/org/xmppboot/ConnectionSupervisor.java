package org.xmppboot;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.ConnectionState.Phase;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.features.TlsFailures;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.reconnect.Reconnecting;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.stanza.StreamError;
import org.xmppboot.stream.StreamThreads;
import org.xmppboot.stream.Transport;

/**
 * Keeps a {@link BaseXMPP} connected: opens connections and, after any end nobody asked for (a failed first
 * connect, a negotiation that failed or timed out, a lost session), either schedules the next attempt by the
 * {@link ReconnectPolicy} or gives up, for the reasons retrying cannot cure.
 *
 * <p>Given up for good: the user's own {@code disconnect()}; an authentication failure (RFC 6120 §6.5, but
 * {@code temporary-auth-failure}); a TLS certificate the trust settings reject; the {@code not-authorized}
 * stream error (a component's wrong secret); {@code conflict} ending two sessions in a row (RFC 6120 §4.9.3.3:
 * another connection with our resource, which retrying would only fight); the policy's attempts used up. Each
 * failed attempt is logged with its reason; giving up fails the session future and closes the stream.
 *
 * <p>Timers run on the stream's scheduler and only start threads; attempts run on a {@code NAME-connect} thread.
 */
final class ConnectionSupervisor {

    private static final Logger log = LoggerFactory.getLogger(BaseXMPP.class);

    private final BaseXMPP xmpp;
    private final Consumer<String> closeConnection;
    private final String name;

    // Guarded by this.
    private CompletableFuture<Jid> session = new CompletableFuture<>();
    private int failures;
    private int conflicts;
    private boolean everEstablished;
    private @Nullable Throwable connectionFailure;
    private @Nullable ScheduledFuture<?> retryTimer;
    /** Whether {@link #start()} runs the attempts: a stream handed a transport has no way to open another. */
    private boolean supervising;
    /** Why the next attempt waits for the event thread (a stalled handler), or null. */
    private @Nullable String stalled;
    /** Whether an attempt came due while {@link #stalled}: it runs when the handler returns. */
    private boolean attemptDeferred;

    private volatile ConnectionState state = ConnectionState.of(Phase.IDLE, null);

    ConnectionSupervisor(BaseXMPP xmpp, Consumer<String> closeConnection) {
        this.xmpp = xmpp;
        this.closeConnection = closeConnection;
        this.name = xmpp.config().name();
    }

    ConnectionState state() {
        return state;
    }

    /** The future of the current run: the next established session, or the failure that ended the trying. */
    synchronized CompletableFuture<Jid> session() {
        return session;
    }

    /** Starts connecting in the background. */
    synchronized CompletableFuture<Jid> start() {
        if (session.isDone()) {
            session = new CompletableFuture<>();
        }
        state = ConnectionState.of(Phase.CONNECTING, null);
        supervising = true;
        launch();
        return session;
    }

    private void launch() {
        synchronized (this) {
            if (stalled != null) {
                attemptDeferred = true;
                state = ConnectionState.of(Phase.RECONNECTING, stalled);
                return;
            }
        }
        try {
            StreamThreads.start(name + "-connect", xmpp.config().virtualThreads(), this::attempt);
        } catch (Throwable t) { // no thread to be had (OutOfMemoryError): a failed attempt like any other
            attemptFailed(t);
        }
    }

    private void attempt() {
        if (xmpp.isClosed()) {
            return;
        }
        Transport transport;
        try {
            transport = xmpp.openTransport();
        } catch (Throwable t) { // an Error too: the session future must not be left pending
            attemptFailed(t);
            return;
        }
        try {
            xmpp.connect(transport);
        } catch (Throwable t) {
            transport.close();
            attemptFailed(t);
        }
    }

    /** No connection came about: retry or give up. */
    private void attemptFailed(Throwable failure) {
        synchronized (this) {
            failures++;
            if (!xmpp.isClosed() && retryOrGiveUp(failure, describe(failure), null)) {
                return;
            }
        }
        xmpp.disconnect(); // nothing is connected: this only stops the event thread
    }

    /** A connection is starting (from an attempt, or handed to {@code connect(Transport)} directly). */
    synchronized void connectionStarted() {
        if (session.isDone()) {
            session = new CompletableFuture<>();
        }
        connectionFailure = null;
        cancel(retryTimer);
        if (state.phase() != Phase.CONNECTING) {
            state = ConnectionState.of(Phase.CONNECTING, state.reason());
        }
    }

    /** The session is established: the failure count starts again. */
    void established(Jid address) {
        CompletableFuture<Jid> done;
        synchronized (this) {
            failures = 0;
            connectionFailure = null;
            state = ConnectionState.of(Phase.ESTABLISHED, null);
            done = session;
            if (everEstablished) {
                xmpp.observer().reconnected();
            }
            everEstablished = true;
        }
        done.complete(address);
    }

    /** Negotiation failed on this connection: close it; what follows is decided when it has ended. */
    void negotiationFailed(Throwable failure) {
        synchronized (this) {
            if (connectionFailure == null) {
                connectionFailure = failure;
            }
        }
        closeConnection.accept(String.valueOf(failure.getMessage()));
    }

    /**
     * The connection has ended (on a stream thread).
     *
     * @return true when another attempt is scheduled; false when the stream is to close for good
     */
    synchronized boolean connectionEnded(boolean requested, String reason, @Nullable StreamError streamError) {
        boolean hadSession = state.phase() == Phase.ESTABLISHED;
        if (requested || xmpp.isClosed()) {
            state = ConnectionState.of(Phase.CLOSED, reason);
            session.completeExceptionally(new ConnectException("Disconnected before the session was established"));
            return false;
        }
        if (streamError != null && streamError.getCondition() == StreamError.Condition.CONFLICT) {
            conflicts++;
        } else if (hadSession) {
            conflicts = 0;
        }
        Throwable failure = connectionFailure;
        if (failure == null) {
            failure = streamError != null ? xmpp.describeStreamError(streamError)
                    : hadSession ? null : new ConnectException("The connection ended before the session started: "
                            + reason);
        }
        failures++;
        String why = stalled != null ? stalled : failure != null ? describe(failure) : reason;
        return retryOrGiveUp(failure, why, streamError);
    }

    // Called with the lock held.
    private boolean retryOrGiveUp(@Nullable Throwable failure, String why, @Nullable StreamError streamError) {
        ReconnectPolicy policy = xmpp.reconnectPolicy();
        String finalReason = finalReason(failure, streamError);
        if (!supervising) {
            // Handed a transport (tests, custom transports): we cannot open another one, but the application may
            // hand over the next, with the session (and stream management's state) kept meanwhile.
            boolean waits = finalReason == null && policy.enabled();
            log.info("[{}] {}{}", name, why, waits ? "; the next transport is up to the application" : "");
            state = ConnectionState.of(waits ? Phase.RECONNECTING : Phase.FAILED, why);
            if (!waits) {
                session.completeExceptionally(failure != null ? failure : new ConnectException(why));
            }
            return waits;
        }
        if (finalReason == null && !policy.allowsRetry(failures)) {
            finalReason = policy.enabled() ? "gave up after " + failures + " failed attempts" : "reconnection is off";
        }
        if (finalReason != null) {
            log.error("[{}] {}; not retrying: {}", name, why, finalReason);
            state = ConnectionState.of(Phase.FAILED, why);
            session.completeExceptionally(failure != null ? failure : new ConnectException(why));
            return false;
        }
        Duration delay = policy.delay(failures, ThreadLocalRandom.current());
        log.warn("[{}] {}; retrying in {} ms (retry {})", name, why, delay.toMillis(), failures);
        state = ConnectionState.of(Phase.RECONNECTING, why);
        xmpp.event("reconnecting", new Reconnecting(failures, delay, why, failure));
        retryTimer = xmpp.config().scheduler().schedule(this::launch, delay);
        return true;
    }

    private @Nullable String finalReason(@Nullable Throwable failure, @Nullable StreamError streamError) {
        if (failure instanceof SaslException sasl && !sasl.condition().equals("temporary-auth-failure")) {
            return "authentication failed";
        }
        if (failure instanceof XmppNegotiationException negotiation && negotiation.isPermanent()) {
            return "our settings and the server's disagree";
        }
        if (TlsFailures.isTrustFailure(failure)) {
            return "the server's certificate is not trusted";
        }
        if (streamError != null && streamError.getCondition() == StreamError.Condition.NOT_AUTHORIZED) {
            return "the server refused us (not-authorized)";
        }
        if (conflicts >= 2) {
            return "another connection took over our address twice in a row (conflict)";
        }
        return null;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.toString() : message;
    }

    /**
     * A handler has held the event thread past the stall timeout: the connection is being closed, and attempts
     * wait until it returns, so that a server with other routes (component replicas) uses them meanwhile.
     */
    synchronized void stalled(String reason) {
        stalled = reason;
    }

    /** The stalled handler has returned: an attempt that came due meanwhile runs now. */
    void recovered() {
        boolean launchNow;
        synchronized (this) {
            stalled = null;
            launchNow = attemptDeferred && !xmpp.isClosed();
            attemptDeferred = false;
        }
        if (launchNow) {
            launch();
        }
    }

    /** {@code disconnect()} was called: no further attempt. */
    synchronized void closed() {
        cancel(retryTimer);
        if (state.phase() != Phase.FAILED) {
            state = ConnectionState.of(Phase.CLOSED, "disconnect requested");
        }
        session.completeExceptionally(new ConnectException("Disconnected before the session was established"));
    }

    private static void cancel(@Nullable ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
