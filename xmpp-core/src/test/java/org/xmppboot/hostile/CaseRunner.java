package org.xmppboot.hostile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.client.TlsMode;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.hostile.HostileCase.Category;
import org.xmppboot.hostile.HostileCase.Stage;
import org.xmppboot.hostile.Payload.After;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.Tls;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlLimits;

/**
 * Runs one case: a {@link FakeServer} and a {@link ClientXMPP} that connects to it, then checks what every case must
 * come to. The client must end the connection (raise {@code disconnected}) within {@link #BOUND} of the server's
 * last act, its session future must have failed with a reason if there was no session, the stream must terminate
 * and leave no thread behind; no handler may have seen anything before the session, nor a message from the client's
 * own JID.
 */
final class CaseRunner {

    static final Duration CLOSE_TIMEOUT = Duration.ofMillis(300);
    /** Time enough for an honest TLS handshake on a loaded machine, and short enough for thousands of cases. */
    static final Duration NEGOTIATION_TIMEOUT = Duration.ofMillis(2500);
    /** From the server's last act to {@code disconnected}: the longest the client may legitimately wait, and slack. */
    static final Duration BOUND = NEGOTIATION_TIMEOUT.plus(CLOSE_TIMEOUT).plusSeconds(3);
    /** How long an open session with a quiet peer is left alone before the test disconnects it. */
    private static final Duration IDLE = Duration.ofMillis(1000);
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Longer than any case can take: past it the server's sockets are closed so that the run goes on. */
    private static final Duration CASE_LIMIT = Duration.ofSeconds(30);

    /** What came of one case (without its payload, which a long run could not keep). */
    record Result(int index, Category category, Stage stage, boolean tls, String description, String outcome,
            long endMillis, int attempts, List<String> failures) {

        Result(HostileCase c, String outcome, long endMillis, int attempts, List<String> failures) {
            this(c.index(), c.category(), c.stage(), c.tls(), c.toString(), outcome, endMillis, attempts, failures);
        }
    }

    private final @Nullable SSLContext serverTls;
    private final @Nullable Path certificate;
    private final ScheduledExecutorService watchdog;

    CaseRunner(@Nullable SSLContext serverTls, @Nullable Path certificate, ScheduledExecutorService watchdog) {
        this.serverTls = serverTls;
        this.certificate = certificate;
        this.watchdog = watchdog;
    }

    Result run(HostileCase c) throws Exception {
        List<String> failures = new ArrayList<>();
        try (FakeServer server = new FakeServer(serverTls)) {
            ScheduledFuture<?> limit = watchdog.schedule(server::close, CASE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return run(c, server, failures);
            } finally {
                limit.cancel(false);
            }
        }
    }

    private Result run(HostileCase c, FakeServer server, List<String> failures) throws Exception {
        ClientXMPP client = new ClientXMPP(config(c, server.port()));
        Observed seen = new Observed(client);
        CompletableFuture<Jid> session = client.connect();
        Hostility hostility = null;
        String cutShort = null;
        try {
            hostility = server.serve(c);
        } catch (Exception e) {
            // On a loaded machine the client's own deadlines can expire during the honest part: what counts then
            // is that it ended as it must, which is checked below like any other case.
            cutShort = "negotiation cut short (" + e.getClass().getSimpleName() + ")";
        }
        long lastAct = System.nanoTime();

        boolean ended = seen.awaitEnd(c.stage() == Stage.SESSION && quietPeer(c) ? IDLE : BOUND, session);
        boolean asked = false;
        if (!ended && c.stage() == Stage.SESSION && quietPeer(c) && seen.sessionStarted()) {
            asked = true; // an open session that nothing ended: ending it must be bounded too
            lastAct = System.nanoTime();
            client.disconnect();
            ended = seen.awaitEnd(BOUND, session);
        }
        long endMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastAct);
        if (!ended) {
            failures.add("TIMEOUT: no 'disconnected' within " + BOUND.toMillis() + " ms; the client's threads:"
                    + Threads.stacks(client.config().name() + "-"));
            client.abort("the test gave up");
        }
        check(c, client, session, seen, failures);
        checkAttempts(server, failures);
        String outcome = !seen.connected() ? "connect failed" : hostility != null ? hostility.outcome(WAIT)
                : cutShort;
        if (asked) {
            outcome += " on disconnect()";
        }
        if (c.payload().refused() && ended && (asked || outcome.startsWith("closed the stream")
                || outcome.contains("connection-timeout"))) {
            failures.add("the client took invalid input without a stream error: " + outcome);
        }
        return new Result(c, ended ? outcome : "TIMEOUT", endMillis, server.attempts(), failures);
    }

    private void check(HostileCase c, ClientXMPP client, CompletableFuture<Jid> session, Observed seen,
            List<String> failures) throws InterruptedException {
        if (c.stage() != Stage.SESSION) {
            try {
                session.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                failures.add("a session was established with a hostile server");
            } catch (ExecutionException e) {
                // The reasons ClientXMPP.connect() documents, each with a message.
                Throwable cause = e.getCause();
                if (!(cause instanceof IOException || cause instanceof XmppNegotiationException
                        || cause instanceof SaslException) || cause.getMessage() == null) {
                    failures.add("the session failed without a clear reason: " + cause);
                }
            } catch (TimeoutException e) {
                failures.add("the session future neither completed nor failed");
            }
        }
        if (!seen.connected()) {
            client.disconnect(); // no connection was ever made (direct TLS failed): the stream is still to close
        }
        try {
            client.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            failures.add("the stream did not terminate: " + e);
        }
        String prefix = client.config().name() + "-";
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> left;
        while (!(left = Threads.named(prefix)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!left.isEmpty()) {
            failures.add("threads left behind: " + left);
        }
        if (seen.leaks.get() > 0) {
            failures.add(seen.leaks.get() + " stanzas reached a handler before the session");
        }
        if (seen.ownEchoes.get() > 0) {
            failures.add(seen.ownEchoes.get() + " messages from the client's own JID reached a handler");
        }
        if (c.category() == Category.SPOOFED_SELF && seen.sessionStarted() && seen.friendMessages.get() != 1) {
            failures.add("the one honest message reached the echo handler " + seen.friendMessages.get() + " times");
        }
    }

    /**
     * With reconnection off the client must not come back. Once ClientXMPP reconnects after any end (a failed first
     * connect included), this is where a case asserts that it does: {@code server.attempts() >= 2} within the
     * back-off, with the stream still open.
     */
    private static void checkAttempts(FakeServer server, List<String> failures) {
        if (server.attempts() > 1) {
            failures.add("the client connected " + server.attempts() + " times with reconnection off");
        }
    }

    private static boolean quietPeer(HostileCase c) {
        return c.payload().after() == After.STALL || c.payload().after() == After.STOP_READING;
    }

    private ClientConfig config(HostileCase c, int port) throws Exception {
        ClientConfig.Builder builder = ClientConfig.builder(Jid.of(FakeServer.DOMAIN), null)
                .host("127.0.0.1", port)
                .tls(c.directTls() ? TlsMode.DIRECT : c.tls() ? TlsMode.REQUIRED : TlsMode.OPTIONAL)
                .connectTimeout(NEGOTIATION_TIMEOUT)
                .fetchRoster(false).sendInitialPresence(false)
                .reconnect(ReconnectPolicy.DISABLED)
                .stream(StreamConfig.defaults().withName("hostile-" + c.index())
                        .withCloseTimeout(CLOSE_TIMEOUT).withNegotiationTimeout(NEGOTIATION_TIMEOUT)
                        .withXmlLimits(new XmlLimits(HostileInput.LIMIT, 64, 64)).withEventQueueCapacity(256));
        if (certificate != null) {
            builder.sslContext(Tls.trusting(certificate));
        }
        return builder.build();
    }

    /** What the test watches on the client. */
    private static final class Observed {
        final AtomicInteger leaks = new AtomicInteger();
        final AtomicInteger ownEchoes = new AtomicInteger();
        final AtomicInteger friendMessages = new AtomicInteger();
        private final CountDownLatch disconnected = new CountDownLatch(1);
        private final AtomicReference<@Nullable Object> started = new AtomicReference<>();
        private final ClientXMPP client;

        Observed(ClientXMPP client) {
            this.client = client;
            client.addEventHandler("session_start", jid -> started.set(jid));
            client.addEventHandler("disconnected", reason -> disconnected.countDown());
            client.addEventHandler("message", m -> checkSession());
            // An echo bot: the reply it must never send is to itself.
            client.registerHandler(StreamHandler.of("echo", Matcher.stanzaPath("message@type=chat/body"), s -> {
                checkSession();
                Message message = (Message) s;
                Jid from = Jid.ofOrNull(message.xml().attribute("from"));
                if (from != null && from.equals(Jid.of(FakeServer.BOUND))) {
                    ownEchoes.incrementAndGet();
                }
                if (HostileInput.FRIEND_MARK.equals(message.getBody())) {
                    friendMessages.incrementAndGet();
                }
                if (from != null && message.getBody() != null && client.isConnected()) {
                    try {
                        client.sendMessage(from, message.getBody(), Message.Type.CHAT);
                    } catch (IllegalStateException closedMeanwhile) {
                        // the connection ended since: nothing to answer on
                    }
                }
            }));
        }

        private void checkSession() {
            if (started.get() == null) {
                leaks.incrementAndGet();
            }
        }

        boolean sessionStarted() {
            return started.get() != null;
        }

        /** Whether a connection was made (the client knows its server once TCP, and direct TLS, are up). */
        boolean connected() {
            return client.serverAddress() != null;
        }

        /** Whether the connection ended within {@code wait}: {@code disconnected}, or a connect that failed. */
        boolean awaitEnd(Duration wait, CompletableFuture<Jid> session) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                if (disconnected.await(20, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (!connected() && session.isCompletedExceptionally()) {
                    return true;
                }
            }
            return false;
        }
    }
}
