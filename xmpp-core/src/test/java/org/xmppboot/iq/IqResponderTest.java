package org.xmppboot.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.HandlerException;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.stream.StreamObserver;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/** Received iq requests and the contract: exactly one response each (RFC 6120 §8.2.3). */
class IqResponderTest {

    private static final String NS = "urn:test";
    private static final Duration QUIET = Duration.ofMillis(200);

    private static String request(String type, String id) {
        return "<iq type='" + type + "' id='" + id + "' from='a@example.com/r' to='bot@example.com/x'>"
                + "<q xmlns='" + NS + "'/></iq>";
    }

    private static XmlElement response(StreamHarness h, String id) throws InterruptedException {
        XmlElement sent = h.nextSent();
        assertThat(sent.name()).isEqualTo("iq");
        assertThat(sent.attribute("id")).isEqualTo(id);
        assertThat(sent.attribute("to")).isEqualTo("a@example.com/r");
        assertThat(sent.attribute("from")).isEqualTo("bot@example.com/x");
        return sent;
    }

    private static StanzaError.Condition errorOf(XmlElement response) {
        Iq iq = new Iq(response);
        assertThat(iq.getIqType()).isEqualTo(Iq.Type.ERROR);
        return iq.getError().getCondition();
    }

    @Test
    void whatTheHandlerReturnsIsTheResponse() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerIqHandler("payload", IqRoute.get(NS, "q"), r -> new XmlElement("answer", NS));
            h.xmpp.registerIqHandler("empty", IqRoute.set(NS, "q"), r -> null);
            h.start();

            h.receive(request("get", "g1"));
            assertThat(response(h, "g1").toXml()).isEqualTo("<iq xmlns=\"jabber:client\" to=\"a@example.com/r\" "
                    + "from=\"bot@example.com/x\" id=\"g1\" type=\"result\"><answer xmlns=\"urn:test\"/></iq>");
            h.receive(request("set", "s1"));
            assertThat(response(h, "s1").childCount()).as("an empty result").isZero();

            h.xmpp.registerIqHandler("empty", IqRoute.set(NS, "q"),
                    r -> h.xmpp.makeIqError("another-id", StanzaError.Condition.NOT_ALLOWED, "no", null));
            h.receive(request("set", "s2"));
            XmlElement error = response(h, "s2");
            assertThat(errorOf(error)).as("a returned iq answers this request, whatever id it was made with")
                    .isEqualTo(StanzaError.Condition.NOT_ALLOWED);
            assertThat(h.peer.nextSent(QUIET)).isNull();
        }
    }

    @Test
    void aThrowingHandlerIsAnsweredWithAnErrorAndReported() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<Object> exceptions = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("exception", exceptions::add);
            h.xmpp.registerIqHandler("bug", IqRoute.get(NS, "q"), r -> {
                throw new IllegalStateException("a bug with internals in its message");
            });
            h.xmpp.registerIqHandler("refuses", IqRoute.set(NS, "q"), r -> {
                throw new StanzaErrorException(StanzaError.Condition.FORBIDDEN, "not you");
            });
            h.start();

            h.receive(request("get", "b1"));
            XmlElement bug = response(h, "b1");
            assertThat(errorOf(bug)).isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
            assertThat(bug.toXml()).as("internals stay private").doesNotContain("bug");
            HandlerException reported = (HandlerException) exceptions.poll(5, TimeUnit.SECONDS);
            assertThat(reported.handler()).isEqualTo("bug");
            assertThat(reported.getCause()).isInstanceOf(IllegalStateException.class);
            await().atMost(StreamHarness.WAIT).until(() -> h.xmpp.handlerFailures() == 1);

            h.receive(request("set", "f1"));
            XmlElement refused = response(h, "f1");
            assertThat(errorOf(refused)).isEqualTo(StanzaError.Condition.FORBIDDEN);
            assertThat(new Iq(refused).getError().getText()).isEqualTo("not you");
            assertThat(exceptions.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("a refusal is no failure")
                    .isNull();
            assertThat(h.peer.nextSent(QUIET)).isNull();
        }
    }

    @Test
    void aCompletionStageIsAnsweredWhenItCompletes() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<CompletableFuture<Object>> later = new LinkedBlockingQueue<>();
            h.xmpp.registerIqHandler("later", IqRoute.get(NS, "q"), r -> {
                CompletableFuture<Object> f = new CompletableFuture<>();
                later.add(f);
                return f;
            });
            h.start();

            h.receive(request("get", "l1"));
            later.poll(5, TimeUnit.SECONDS).complete(new XmlElement("done", NS));
            assertThat(response(h, "l1").element("done", NS)).isNotNull();

            h.receive(request("get", "l2"));
            later.poll(5, TimeUnit.SECONDS).completeExceptionally(new IllegalStateException("async bug"));
            assertThat(errorOf(response(h, "l2"))).isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);

            h.receive(request("get", "l3"));
            later.poll(5, TimeUnit.SECONDS).completeExceptionally(
                    new StanzaErrorException(StanzaError.Condition.ITEM_NOT_FOUND, null));
            assertThat(errorOf(response(h, "l3"))).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);

            h.receive(request("get", "l4"));
            later.poll(5, TimeUnit.SECONDS).complete("not a response");
            assertThat(errorOf(response(h, "l4"))).isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
            assertThat(h.peer.nextSent(QUIET)).isNull();
        }
    }

    @Test
    void aResponseIsNeverSentTwice() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerIqHandler("both", IqRoute.get(NS, "q"), r -> {
                r.reply().setPayload(new XmlElement("first", NS)).sendResponse();
                r.error(StanzaError.Condition.CONFLICT, null).sendResponse();
                return new XmlElement("returned", NS);
            });
            h.xmpp.registerIqHandler("answersThenThrows", IqRoute.set(NS, "q"), r -> {
                r.reply().sendResponse();
                throw new IllegalStateException("after answering");
            });
            h.start();

            h.receive(request("get", "t1"));
            assertThat(response(h, "t1").element("first", NS)).isNotNull();
            assertThat(h.peer.nextSent(QUIET)).isNull();

            h.receive(request("set", "t2"));
            assertThat(new Iq(response(h, "t2")).getIqType()).isEqualTo(Iq.Type.RESULT);
            assertThat(h.peer.nextSent(QUIET)).isNull();
        }
    }

    @Test
    void aThreadedHandlerRunsOffTheEventThreadUnderTheSameContract() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<String> threads = new LinkedBlockingQueue<>();
            h.xmpp.registerIqHandler("threaded", IqRoute.get(NS, "q"), r -> {
                threads.add(Thread.currentThread().getName());
                Thread.sleep(10); // blocking is allowed here
                throw new IllegalStateException("boom");
            }, true);
            h.start();
            h.receive(request("get", "h1"));
            assertThat(errorOf(response(h, "h1"))).isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
            assertThat(threads.poll(5, TimeUnit.SECONDS)).startsWith("test-handler-");
        }
    }

    @Test
    void oneHandlerPerRouteAndUnansweredRoutesStayServiceUnavailable() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerIqHandler("first", IqRoute.get(NS, "q"), r -> null);
            assertThatThrownBy(() -> h.xmpp.registerIqHandler("second", IqRoute.get(NS, "q"), r -> null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("first");
            assertThatThrownBy(() -> new IqRoute(Iq.Type.RESULT, NS, "q"))
                    .isInstanceOf(IllegalArgumentException.class);
            h.start();

            h.receive(request("set", "u1"));
            assertThat(errorOf(response(h, "u1"))).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
            assertThat(h.xmpp.removeIqHandler("first")).isTrue();
            h.receive(request("get", "u2"));
            assertThat(errorOf(response(h, "u2"))).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
            h.xmpp.registerIqHandler("second", IqRoute.get(NS, "q"), r -> null);
            h.receive(request("get", "u3"));
            assertThat(new Iq(response(h, "u3")).getIqType()).isEqualTo(Iq.Type.RESULT);
        }
    }

    /** A handler run as the observer saw it. */
    private record Run(String handler, String thread, long nanos, @Nullable Throwable failure) {
    }

    private static BlockingQueue<Run> observeRuns(StreamHarness h) {
        BlockingQueue<Run> runs = new LinkedBlockingQueue<>();
        h.xmpp.setObserver(new StreamObserver() {
            @Override
            public void handlerCompleted(String handler, long durationNanos, @Nullable Throwable failure) {
                runs.add(new Run(handler, Thread.currentThread().getName(), durationNanos, failure));
            }
        });
        return runs;
    }

    private static Run runOf(BlockingQueue<Run> runs, String handler) throws InterruptedException {
        for (Run run = runs.poll(5, TimeUnit.SECONDS); run != null; run = runs.poll(5, TimeUnit.SECONDS)) {
            if (run.handler().equals(handler)) {
                return run;
            }
        }
        throw new AssertionError("no run of " + handler);
    }

    @Test
    void aThreadedHandlerIsTimedAndCountedOnTheExecutorAsAThreadedEventHandlerIs() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<Run> runs = observeRuns(h);
            BlockingQueue<Object> exceptions = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("exception", exceptions::add);
            h.xmpp.registerIqHandler("slow", IqRoute.get(NS, "q"), r -> {
                Thread.sleep(50);
                throw new IllegalStateException("slow and broken (expected by the test)");
            }, true);
            h.xmpp.registerIqHandler("refuses", IqRoute.set(NS, "q"), r -> {
                throw new StanzaErrorException(StanzaError.Condition.NOT_ALLOWED, null);
            }, true);
            assertThat(h.xmpp.handlers()).extracting(StreamHandler::name)
                    .contains("slow:hand-off", "refuses:hand-off").doesNotContain("slow", "refuses");
            h.start();

            h.receive(request("get", "s1"));
            assertThat(errorOf(response(h, "s1"))).isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
            Run slow = runOf(runs, "slow");
            assertThat(slow.thread()).startsWith("test-handler-");
            assertThat(slow.failure()).hasMessageContaining("slow and broken");
            assertThat(slow.nanos()).as("timed around the handler").isGreaterThanOrEqualTo(50_000_000L);
            await().atMost(StreamHarness.WAIT).until(() -> h.xmpp.handlerFailures() == 1);
            HandlerException reported = (HandlerException) exceptions.poll(5, TimeUnit.SECONDS);
            assertThat(reported.handler()).isEqualTo("slow");
            assertThat(reported.data()).isInstanceOf(Iq.class);
            assertThat(exceptions.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("reported once").isNull();

            h.receive(request("set", "r1"));
            assertThat(errorOf(response(h, "r1"))).isEqualTo(StanzaError.Condition.NOT_ALLOWED);
            assertThat(runOf(runs, "refuses").failure()).as("a refusal is an answer").isNull();
            assertThat(h.xmpp.handlerFailures()).isOne();

            assertThat(h.xmpp.removeIqHandler("slow")).isTrue();
            assertThat(h.xmpp.handlers()).extracting(StreamHandler::name).doesNotContain("slow:hand-off");
        }
    }

    @Test
    void aFailedFutureIsCountedAndReportedOnce() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<Object> exceptions = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("exception", exceptions::add);
            BlockingQueue<CompletableFuture<Object>> later = new LinkedBlockingQueue<>();
            h.xmpp.registerIqHandler("later", IqRoute.get(NS, "q"), r -> {
                CompletableFuture<Object> f = new CompletableFuture<>();
                later.add(f);
                return f;
            });
            h.start();

            h.receive(request("get", "f1"));
            later.poll(5, TimeUnit.SECONDS).completeExceptionally(new IllegalStateException("async bug"));
            assertThat(errorOf(response(h, "f1"))).isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
            HandlerException reported = (HandlerException) exceptions.poll(5, TimeUnit.SECONDS);
            assertThat(reported.handler()).isEqualTo("later");
            assertThat(reported.getCause()).hasMessage("async bug");
            assertThat(h.xmpp.handlerFailures()).isOne();

            h.receive(request("get", "f2"));
            later.poll(5, TimeUnit.SECONDS).completeExceptionally(
                    new StanzaErrorException(StanzaError.Condition.ITEM_NOT_FOUND, null));
            assertThat(errorOf(response(h, "f2"))).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
            assertThat(exceptions.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("a refusal is no failure")
                    .isNull();
            assertThat(h.xmpp.handlerFailures()).isOne();
        }
    }

    @Test
    void aRequestAStreamHandlerTookIsAnsweredUnderTheSameContract() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<Run> runs = observeRuns(h);
            h.xmpp.registerHandler(StreamHandler.of("raw", Matcher.stanzaPath("iq@type=get"),
                    s -> h.xmpp.answerIq("raw", (Iq) s, r -> new XmlElement("raw", NS))));
            h.xmpp.registerHandler(StreamHandler.of("rawBug", Matcher.stanzaPath("iq@type=set"),
                    s -> h.xmpp.answerIq("rawBug", (Iq) s, r -> {
                        throw new java.io.IOException("a checked failure (expected by the test)");
                    })));
            h.start();

            h.receive(request("get", "a1"));
            assertThat(response(h, "a1").element("raw", NS)).isNotNull();
            h.receive(request("set", "a2"));
            assertThat(errorOf(response(h, "a2"))).isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
            assertThat(runOf(runs, "rawBug").failure()).as("thrown to the stream handler's run")
                    .isInstanceOf(java.io.IOException.class);
            assertThat(h.xmpp.handlerFailures()).isOne();
            assertThat(h.peer.nextSent(QUIET)).as("one response each").isNull();

            Iq result = new Iq(new XmlElement("iq", "jabber:client").setAttribute("type", "result"));
            assertThatThrownBy(() -> h.xmpp.answerIq("raw", result, r -> null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void whoAnswersARouteOrARequestIsALookup() {
        BaseXMPP xmpp = new BaseXMPP("jabber:client", StreamConfig.defaults().withName("lookup"));
        xmpp.registerIqHandler("time", IqRoute.get(NS, "q"), r -> null);
        xmpp.registerIqHandler("slow", IqRoute.set(NS, "q"), r -> null, true);
        assertThat(xmpp.iqHandlerFor(IqRoute.get(NS, "q"))).isEqualTo("time");
        assertThat(xmpp.iqHandlerFor(IqRoute.set(NS, "q"))).isEqualTo("slow");
        assertThat(xmpp.iqHandlerFor(IqRoute.get(NS, "other"))).isNull();
        assertThat(xmpp.iqHandlerFor(iq("get", "<q xmlns='" + NS + "'/>"))).isEqualTo("time");
        assertThat(xmpp.iqHandlerFor(iq("get", "<q xmlns='urn:other'/>"))).isNull();
        assertThat(xmpp.iqHandlerFor(iq("result", "<q xmlns='" + NS + "'/>"))).as("no request").isNull();
        assertThat(xmpp.iqHandlerFor(iq("get", ""))).as("no payload").isNull();

        xmpp.registerIqHandler("time", IqRoute.get(NS, "moved"), r -> null);
        assertThat(xmpp.iqHandlerFor(IqRoute.get(NS, "q"))).as("freed by the move").isNull();
        assertThat(xmpp.removeIqHandler("slow")).isTrue();
        assertThat(xmpp.iqHandlerFor(iq("set", "<q xmlns='" + NS + "'/>"))).isNull();
    }

    private static Iq iq(String type, String payload) {
        return new Iq(XmlElement.parse("<iq xmlns='jabber:client' type='" + type + "' id='x'>"
                + payload + "</iq>"));
    }
}
