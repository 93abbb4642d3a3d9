package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlLimits;

class XMLStreamTest {

    private static final Duration WAIT = StreamHarness.WAIT;

    @Test
    void sendsHeaderAndDeliversMatchedStanzasInOrderOnTheEventThread() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            h.xmpp.registerHandler(StreamHandler.of("chat", Matcher.stanzaPath("message@type=chat/body"),
                    s -> seen.add(Thread.currentThread().getName() + " " + ((Message) s).getBody())));
            h.start();
            for (int i = 0; i < 100; i++) {
                h.receive("<message type='chat' from='a@b/c'><body>" + i + "</body></message>");
            }
            h.receive("<message type='normal'><body>not chat</body></message>");
            for (int i = 0; i < 100; i++) {
                assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("test-event " + i);
            }
            assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void eachMatchingHandlerGetsItsOwnCopy() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<StanzaBase> seen = new LinkedBlockingQueue<>();
            h.xmpp.registerHandler(StreamHandler.of("one", Matcher.stanzaPath("message"), s -> {
                ((Message) s).setBody("changed by one");
                seen.add(s);
            }));
            h.xmpp.registerHandler(StreamHandler.of("two", Matcher.stanzaPath("message"), seen::add));
            h.start();
            h.receive("<message><body>original</body></message>");
            Message first = (Message) seen.poll(5, TimeUnit.SECONDS);
            Message second = (Message) seen.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotSameAs(second);
            assertThat(first.getBody()).isEqualTo("changed by one");
            assertThat(second.getBody()).isEqualTo("original");
        }
    }

    @Test
    void onceHandlersRunOnceAndCanBeRemoved() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            AtomicInteger once = new AtomicInteger();
            AtomicInteger removed = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(3);
            h.xmpp.registerHandler(StreamHandler.of("once", Matcher.stanzaPath("message"),
                    s -> once.incrementAndGet()).once());
            h.xmpp.registerHandler(StreamHandler.of("removed", Matcher.stanzaPath("message"),
                    s -> removed.incrementAndGet()));
            h.xmpp.registerHandler(StreamHandler.of("count", Matcher.stanzaPath("message"), s -> done.countDown()));
            assertThat(h.xmpp.removeHandler("removed")).isTrue();
            h.start();
            for (int i = 0; i < 3; i++) {
                h.receive("<message/>");
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(once).hasValue(1);
            assertThat(removed).hasValue(0);
        }
    }

    @Test
    void customEventsQueuedDirectThreadedAndDisposable() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.start();
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("custom", d -> seen.add("queued " + d + " " + Thread.currentThread().getName()));
            h.xmpp.addEventHandler("custom", d -> seen.add("threaded " + d + " " + Thread.currentThread().getName()),
                    true, false);
            h.xmpp.addEventHandler("custom", d -> seen.add("disposable " + d), false, true);
            h.xmpp.event("custom", Map.of("a", "b"));
            List<String> first = List.of(seen.poll(5, TimeUnit.SECONDS), seen.poll(5, TimeUnit.SECONDS),
                    seen.poll(5, TimeUnit.SECONDS));
            assertThat(first).anyMatch(s -> s.equals("queued {a=b} test-event"))
                    .anyMatch(s -> s.startsWith("threaded {a=b} test-handler-"))
                    .anyMatch(s -> s.equals("disposable {a=b}"));
            h.xmpp.event("custom", null);
            List<String> second = List.of(seen.poll(5, TimeUnit.SECONDS), seen.poll(5, TimeUnit.SECONDS));
            assertThat(second).noneMatch(s -> s.startsWith("disposable"));
            assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(h.xmpp.eventHandlerCount("custom")).isEqualTo(2);

            // direct: runs on the caller's thread before event() returns
            List<String> direct = new ArrayList<>();
            h.xmpp.addEventHandler("direct", d -> direct.add(Thread.currentThread().getName()));
            h.xmpp.event("direct", null, true);
            assertThat(direct).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void aStanzaEventGivesEachHandlerItsOwnCopy() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.start();
            BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("message", d -> {
                ((Message) d).setBody("mutated");
                seen.add((Message) d);
            });
            h.xmpp.addEventHandler("message", d -> seen.add((Message) d));
            h.receive("<message from='x@y/z'><body>hi</body></message>");
            Message a = seen.poll(5, TimeUnit.SECONDS);
            Message b = seen.poll(5, TimeUnit.SECONDS);
            assertThat(List.of(a.getBody(), b.getBody())).containsExactlyInAnyOrder("mutated", "hi");
        }
    }

    @Test
    void threadedHandlersKeepOrderPerSenderAndRunSendersInParallel() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            Map<String, List<Integer>> bySender = new ConcurrentHashMap<>();
            CountDownLatch slowStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch fastDone = new CountDownLatch(20);
            h.xmpp.addEventHandler("message", d -> {
                Message m = (Message) d;
                String from = m.getFrom().toString();
                int n = Integer.parseInt(m.getBody());
                if (from.startsWith("slow") && n == 0) {
                    slowStarted.countDown();
                    release.await(10, TimeUnit.SECONDS);
                }
                bySender.computeIfAbsent(from, k -> Collections.synchronizedList(new ArrayList<>())).add(n);
                if (from.startsWith("fast")) {
                    fastDone.countDown();
                }
            }, true, false);
            h.start();
            for (int i = 0; i < 20; i++) {
                h.receive("<message from='slow@x/r'><body>" + i + "</body></message>");
                h.receive("<message from='fast@x/r'><body>" + i + "</body></message>");
            }
            assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
            // The slow sender's first message blocks; the fast sender is not held up behind it.
            assertThat(fastDone.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(bySender.get("slow@x/r")).isNull();
            release.countDown();
            await().atMost(WAIT).until(() -> bySender.get("slow@x/r") != null
                    && bySender.get("slow@x/r").size() == 20);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add(i);
            }
            assertThat(bySender.get("slow@x/r")).isEqualTo(expected);
            assertThat(bySender.get("fast@x/r")).isEqualTo(expected);
        }
    }

    @Test
    void aFailingHandlerIsReportedAndTheEventThreadGoesOn() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<Object> exceptions = new LinkedBlockingQueue<>();
            BlockingQueue<String> later = new LinkedBlockingQueue<>();
            List<String> observed = Collections.synchronizedList(new ArrayList<>());
            h.xmpp.setObserver(new StreamObserver() {
                @Override
                public void handlerCompleted(String handler, long nanos, Throwable failure) {
                    observed.add(handler + ":" + (failure == null ? "ok" : failure.getClass().getSimpleName()));
                }
            });
            h.xmpp.registerHandler(StreamHandler.of("boom", Matcher.stanzaPath("message@type=boom"), s -> {
                throw new IllegalStateException("boom");
            }));
            h.xmpp.registerHandler(StreamHandler.of("fine", Matcher.stanzaPath("message@type=chat"),
                    s -> later.add("fine")));
            h.xmpp.addEventHandler("exception", exceptions::add);
            h.xmpp.addEventHandler("exception", d -> {
                throw new IllegalStateException("a failing exception handler must not loop");
            });
            h.start();
            h.receive("<message type='boom'/><message type='chat'/>");
            HandlerException e = (HandlerException) exceptions.poll(5, TimeUnit.SECONDS);
            assertThat(e.handler()).isEqualTo("boom");
            assertThat(e.getCause()).hasMessage("boom");
            assertThat(e.data()).isInstanceOf(Message.class);
            assertThat(later.poll(5, TimeUnit.SECONDS)).isEqualTo("fine");
            await().atMost(WAIT).until(() -> h.xmpp.handlerFailures() == 2);
            assertThat(exceptions.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(observed).contains("boom:IllegalStateException", "fine:ok");
        }
    }

    @Test
    void inboundAndOutboundFiltersSeeChangeOrDrop() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            h.xmpp.registerHandler(StreamHandler.of("m", Matcher.stanzaPath("message"),
                    s -> seen.add(((Message) s).getBody())));
            h.xmpp.addFilter(Direction.IN, s -> "spam".equals(((Message) s).getBody()) ? null : s, 10);
            h.xmpp.addFilter(Direction.IN, s -> ((Message) s).setBody(((Message) s).getBody() + "!"), 20);
            h.xmpp.addFilter(Direction.OUT, s -> s.xml().attribute("to") == null ? null : s, 0);
            h.start();
            h.receive("<message><body>spam</body></message><message><body>ham</body></message>");
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("ham!");
            h.xmpp.send(h.xmpp.makeMessage(null, "dropped", null));
            h.xmpp.send(h.xmpp.makeMessage(Jid.of("a@b"), "kept", null));
            assertThat(h.nextSent().toXml()).contains("kept");
        }
    }

    @Test
    void scheduledEventsRunOnTheEventThreadRepeatAndCancel() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.start();
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            h.xmpp.schedule("once", Duration.ofMillis(20), () -> seen.add("once " + Thread.currentThread().getName()),
                    false);
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("once test-event");
            AtomicInteger ticks = new AtomicInteger();
            h.xmpp.schedule("tick", Duration.ofMillis(10), ticks::incrementAndGet, true);
            await().atMost(WAIT).until(() -> ticks.get() >= 3);
            assertThat(h.xmpp.cancelSchedule("tick")).isTrue();
            int after = ticks.get();
            Thread.sleep(100);
            assertThat(ticks.get()).isLessThanOrEqualTo(after + 1);
        }
    }

    @Test
    void waiterCompletesWithTheNextMatchingStanzaOrTimesOut() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.start();
            CompletableFuture<StanzaBase> waiting = h.xmpp.waitFor(Matcher.id("w1"), WAIT);
            CompletableFuture<StanzaBase> never = h.xmpp.waitFor(Matcher.id("none"), Duration.ofMillis(50));
            h.receive("<message id='other'/><message id='w1'><body>found</body></message>");
            assertThat(((Message) waiting.get(5, TimeUnit.SECONDS)).getBody()).isEqualTo("found");
            assertThatThrownBy(() -> never.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
        }
    }

    @Test
    void aWaiterFollowsTheRulesOfAnIqFuture() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<Throwable> caught = new LinkedBlockingQueue<>();
            h.xmpp.registerHandler(StreamHandler.of("blocker", Matcher.stanzaPath("message@type=chat"), s -> {
                try {
                    h.xmpp.waitFor(Matcher.id("later"), Duration.ofSeconds(30)).thenApply(StanzaBase::getId).join();
                } catch (Throwable t) {
                    caught.add(t);
                }
            }));
            h.start();
            h.receive("<message type='chat'/>");
            assertThat(caught.poll(2, TimeUnit.SECONDS)).as("fails at once on the event thread")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");

            BlockingQueue<String> timeoutThread = new LinkedBlockingQueue<>();
            h.xmpp.waitFor(Matcher.id("never"), Duration.ofMillis(20))
                    .whenComplete((s, e) -> timeoutThread.add(Thread.currentThread().getName()));
            assertThat(timeoutThread.poll(5, TimeUnit.SECONDS)).startsWith("xmpp-completion-");
        }
    }

    @Test
    void fullEventQueueStopsTheReadThreadAndResumesWhenDrained() throws Exception {
        try (StreamHarness h = new StreamHarness(StreamConfig.defaults().withName("test").withEventQueueCapacity(5))) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger handled = new AtomicInteger();
            h.xmpp.registerHandler(StreamHandler.of("slow", Matcher.stanzaPath("message"), s -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.incrementAndGet();
            }));
            h.start();
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                many.append("<message/>");
            }
            h.receive(many.toString());
            // 1 in the handler + 5 waiting; the read thread waits for room instead of queueing the rest.
            await().atMost(WAIT).until(() -> h.xmpp.eventQueueSize() == 5);
            Thread.sleep(100);
            assertThat(h.xmpp.eventQueueSize()).isEqualTo(5);
            release.countDown();
            await().atMost(WAIT).until(() -> handled.get() == 50);
        }
    }

    @Test
    void malformedInputGetsTheStreamErrorAndClosesTheConnection() throws Exception {
        StreamHarness h = new StreamHarness().start();
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler("disconnected", disconnected::add);
        h.receive("<message><body></message>");
        XmlElement error = h.nextSent();
        assertThat(error.qualifiedName()).isEqualTo("{http://etherx.jabber.org/streams}error");
        assertThat(error.element("not-well-formed", "urn:ietf:params:xml:ns:xmpp-streams")).isNotNull();
        assertThat(h.peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        assertThat(disconnected.poll(5, TimeUnit.SECONDS)).asString().contains("not-well-formed");
        h.xmpp.terminated().get(5, TimeUnit.SECONDS);
        assertThat(h.peer.isClosed()).isTrue();
    }

    @Test
    void oversizedStanzaGetsPolicyViolation() throws Exception {
        StreamConfig config = StreamConfig.defaults().withName("test").withXmlLimits(new XmlLimits(4096, 16, 16));
        StreamHarness h = new StreamHarness(config).start();
        h.receive("<message><body>" + "x".repeat(10_000) + "</body></message>");
        XmlElement error = h.nextSent();
        assertThat(error.element("policy-violation", "urn:ietf:params:xml:ns:xmpp-streams")).isNotNull();
        h.xmpp.terminated().get(5, TimeUnit.SECONDS);
    }

    @Test
    void wrongStreamNamespaceIsInvalidNamespace() throws Exception {
        StreamHarness h = new StreamHarness();
        h.xmpp.connect(h.peer);
        h.peer.nextSentEvent(WAIT);
        h.receive("<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'>");
        XmlElement error = h.nextSent();
        assertThat(error.element("invalid-namespace", "urn:ietf:params:xml:ns:xmpp-streams")).isNotNull();
        h.xmpp.terminated().get(5, TimeUnit.SECONDS);
    }

    @Test
    void receivedStreamErrorIsRaisedAndTheStreamCloses() throws Exception {
        StreamHarness h = new StreamHarness().start();
        BlockingQueue<Object> errors = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler("stream_error", errors::add);
        h.receive("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Replaced</text></stream:error></stream:stream>");
        assertThat(errors.poll(5, TimeUnit.SECONDS)).asString().isEqualTo("conflict (Replaced)");
        assertThat(h.peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        h.xmpp.terminated().get(5, TimeUnit.SECONDS);
    }

    @Test
    void disconnectDrainsSendsCloseWaitsForThePeerAndLeavesNoThread() throws Exception {
        StreamHarness h = new StreamHarness(StreamConfig.defaults().withName("closing-test")).start();
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler("disconnected", d -> order.add("disconnected"));
        for (int i = 0; i < 10; i++) {
            h.xmpp.sendMessage(Jid.of("a@b"), "m" + i, null);
        }
        CompletableFuture<Void> done = h.xmpp.disconnect();
        for (int i = 0; i < 10; i++) {
            assertThat(h.nextSent().toXml()).contains("m" + i);
        }
        assertThat(h.peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        assertThat(done).isNotDone();
        h.receive("</stream:stream>");
        done.get(5, TimeUnit.SECONDS);
        assertThat(order.poll()).isEqualTo("disconnected");
        assertThat(h.peer.isClosed()).isTrue();
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("closing-test")));
    }

    @Test
    void disconnectGivesUpWaitingForASilentPeer() throws Exception {
        StreamHarness h = new StreamHarness(StreamConfig.defaults().withName("test")
                .withCloseTimeout(Duration.ofMillis(100))).start();
        h.xmpp.disconnect().get(5, TimeUnit.SECONDS);
        assertThat(h.peer.isClosed()).isTrue();
        assertThat(h.xmpp.isConnected()).isFalse();
    }

    @Test
    void peerClosingTheStreamIsAnsweredAndEndsTheConnection() throws Exception {
        StreamHarness h = new StreamHarness().start();
        h.receive("</stream:stream>");
        assertThat(h.peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        h.xmpp.terminated().get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> h.xmpp.sendMessage(Jid.of("a@b"), "late", null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anErrorOnTheReadThreadClosesTheConnection() throws Exception {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerHandler(StreamHandler.of("explode", Matcher.stanzaPath("message"), s -> {
            throw new StackOverflowError("simulated");
        }).inStream());
        h.start();
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler("disconnected", disconnected::add);
        h.receive("<message/>");
        assertThat(disconnected.poll(5, TimeUnit.SECONDS)).asString().contains("StackOverflowError");
        h.xmpp.terminated().get(5, TimeUnit.SECONDS);
        assertThat(h.peer.isClosed()).isTrue();
    }

    @Test
    void slowHandlerIsReportedWithoutStoppingIt() throws Exception {
        try (StreamHarness h = new StreamHarness(StreamConfig.defaults().withName("test")
                .withSlowHandlerThreshold(Duration.ofMillis(50)))) {
            CountDownLatch done = new CountDownLatch(1);
            h.xmpp.registerHandler(StreamHandler.of("sleepy", Matcher.stanzaPath("message"), s -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            }));
            h.start();
            h.receive("<message/>");
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anUnwritableCharacterFailsOnTheCallersThread() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.start();
            assertThatThrownBy(() -> h.xmpp.sendMessage(Jid.of("a@b"), "nul \u0000 here", null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
        }
    }

    @Test
    void stanzasSentBeforeConnectingAreHeldAndSentInOrder() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.sendMessage(Jid.of("a@b"), "early-1", null);
            h.xmpp.sendMessage(Jid.of("a@b"), "early-2", null);
            assertThat(h.xmpp.heldStanzaCount()).isEqualTo(2);
            h.xmpp.connect(h.peer);
            assertThat(h.peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
            assertThat(h.nextSent().toXml()).contains("early-1");
            assertThat(h.nextSent().toXml()).contains("early-2");
            assertThat(h.xmpp.heldStanzaCount()).isZero();
        }
    }
}
