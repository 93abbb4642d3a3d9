package org.xmppboot.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0199.Ping;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.IqTimeoutException;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.StreamClosedException;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/** The iq requests we send and their responses (RFC 6120 §8.2.3). */
class IqTrackerTest {

    @Test
    void iqResultCompletesTheFutureErrorFailsItAndTimeoutFailsIt() throws Exception {
        try (StreamHarness h = new StreamHarness(StreamConfig.defaults().withName("test")
                .withIqTimeout(Duration.ofMillis(200)))) {
            h.start();
            CompletableFuture<Iq> ok = h.xmpp.makeIqGet("jabber:iq:version", Jid.of("server.example")).send();
            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("type")).isEqualTo("get");
            h.receive("<iq type='result' from='server.example' id='" + sent.attribute("id") + "'>"
                    + "<query xmlns='jabber:iq:version'><name>x</name></query></iq>");
            Iq result = ok.get(5, TimeUnit.SECONDS);
            assertThat(result.getPayload().childText("name", "jabber:iq:version")).isEqualTo("x");

            CompletableFuture<Iq> failed = h.xmpp.makeIqGet("urn:x", Jid.of("nobody@example.com")).send();
            String id = h.nextSent().attribute("id");
            // A response from anyone else is not accepted as the answer.
            h.receive("<iq type='result' from='mallory@evil.example' id='" + id + "'/>");
            h.receive("<iq type='error' from='nobody@example.com' id='" + id + "'><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StanzaErrorException.class)
                    .satisfies(e -> assertThat(((StanzaErrorException) e).condition())
                            .isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND));

            CompletableFuture<Iq> silent = h.xmpp.makeIqGet("urn:x", Jid.of("slow@example.com")).send();
            assertThatThrownBy(() -> silent.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(IqTimeoutException.class).hasMessageContaining("slow@example.com");
        }
    }

    @Test
    void blockingOnAnIqFutureInAHandlerFailsFastInsteadOfDeadlocking() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            AtomicReference<Throwable> caught = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            h.xmpp.registerHandler(StreamHandler.of("blocker", Matcher.stanzaPath("message"), s -> {
                try {
                    h.xmpp.makeIqGet("urn:x", Jid.of("a@b")).send().get();
                } catch (Throwable t) {
                    caught.set(t);
                }
                done.countDown();
            }));
            h.start();
            h.receive("<message/>");
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(caught.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
        }
    }

    @Test
    void blockingOnAnyFutureDerivedFromAnIqInAHandlerFailsAtOnceAndTheStreamStillCloses() throws Exception {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerPlugin(new Ping());
        BlockingQueue<Throwable> caught = new LinkedBlockingQueue<>();
        h.xmpp.registerHandler(StreamHandler.of("blocker", Matcher.stanzaPath("message"), s -> {
            Jid peer = Jid.of("peer@example.com/r");
            for (Runnable blocking : List.<Runnable>of(
                    () -> h.xmpp.plugin(Ping.class).ping(peer, Duration.ofSeconds(30)).thenApply(Duration::toMillis)
                            .join(),
                    () -> h.xmpp.plugin(ServiceDiscovery.class).supports(peer, "urn:x").join(),
                    () -> {
                        try {
                            h.xmpp.makeIqGet("urn:x", peer).send().thenCompose(r -> h.xmpp.makeIqGet("urn:y", peer)
                                    .send()).whenComplete((r, e) -> { }).get(30, TimeUnit.SECONDS);
                        } catch (InterruptedException | ExecutionException | TimeoutException e) {
                            throw new AssertionError(e);
                        }
                    })) {
                try {
                    blocking.run();
                    caught.add(new AssertionError("returned"));
                } catch (Throwable t) {
                    caught.add(t);
                }
            }
        }));
        h.start();
        h.receive("<message/>");
        for (int i = 0; i < 3; i++) {
            assertThat(caught.poll(2, TimeUnit.SECONDS)).as("blocking call %d fails at once", i)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock")
                    .hasMessageContaining("thenAccept");
        }
        h.xmpp.disconnect();
        h.receive("</stream:stream>");
        h.xmpp.terminated().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aTimeoutNeedsNoEventThreadAndItsCallbacksRunOffTheSchedulerAndReadThreads() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(new Ping());
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            h.xmpp.registerHandler(StreamHandler.of("long", Matcher.stanzaPath("message"), s -> {
                busy.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            h.start();
            h.receive("<message/>");
            assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

            Jid silent = Jid.of("silent@example.com");
            CompletableFuture<Iq> direct = h.xmpp.makeIqGet("urn:x", silent).send(Duration.ofMillis(100));
            CompletableFuture<Long> derived = h.xmpp.plugin(Ping.class).ping(silent, Duration.ofMillis(100))
                    .thenApply(Duration::toMillis);
            BlockingQueue<String> callbackThreads = new LinkedBlockingQueue<>();
            direct.whenComplete((r, e) -> callbackThreads.add(Thread.currentThread().getName()));
            try {
                assertThatThrownBy(() -> direct.get(2, TimeUnit.SECONDS)).as("the event thread is still busy")
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IqTimeoutException.class);
                assertThatThrownBy(() -> derived.get(2, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IqTimeoutException.class);
                assertThat(callbackThreads.poll(2, TimeUnit.SECONDS)).isNotNull()
                        .doesNotContain("scheduler").doesNotEndWith("-read").doesNotEndWith("-event");
                assertThat(release.getCount()).as("the long handler is still running").isEqualTo(1);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void responseCallbacksRunOnTheEventThreadInOrderWithHandlers() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.start();
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            h.xmpp.makeIqGet("urn:x", Jid.of("a@example.com")).send()
                    .thenAccept(r -> seen.add("result on " + Thread.currentThread().getName()));
            String id = h.nextSent().attribute("id");
            h.xmpp.registerHandler(StreamHandler.of("m", Matcher.stanzaPath("message"),
                    s -> seen.add("message on " + Thread.currentThread().getName())));
            h.receive("<iq type='result' from='a@example.com' id='" + id + "'/><message/>");
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("result on test-event");
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("message on test-event");
        }
    }

    @Test
    void closingTheStreamFailsWhatWaits() throws Exception {
        StreamHarness h = new StreamHarness().start();
        CompletableFuture<Iq> pending = h.xmpp.makeIqGet("urn:x", Jid.of("a@example.com")).send();
        h.xmpp.disconnect();
        h.receive("</stream:stream>");
        h.xmpp.terminated().get(5, TimeUnit.SECONDS);
        assertThat(pending).isCompletedExceptionally();
        assertThatThrownBy(pending::join).cause().isInstanceOf(StreamClosedException.class);
    }
}
