package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * No dead reader: whatever fails on a stream thread, the connection ends (the transport closed, {@code disconnected}
 * raised) and no thread dies by an uncaught throwable. The peer's own bytes are never echoed into what we write.
 */
class StreamFailureTest {

    private static final Duration WAIT = StreamHarness.WAIT;
    private static final String STREAMS_NS = "urn:ietf:params:xml:ns:xmpp-streams";
    private static final String OPEN = "<stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' version='1.0' id=";

    private final UncaughtExceptions uncaught = UncaughtExceptions.install();

    @AfterEach
    void noThreadDied() {
        uncaught.close();
        assertThat(uncaught.seen()).as("threads ended by an uncaught throwable").isEmpty();
    }

    private static StreamConfig config(String name) {
        return StreamConfig.defaults().withName(name).withCloseTimeout(Duration.ofMillis(200));
    }

    /** The stream error we sent, asserting the text we wrote is free of the peer's invalid characters. */
    private static XmlElement streamErrorSent(InMemoryTransport peer) throws InterruptedException {
        XmlElement error = peer.nextSent(WAIT);
        assertThat(error).as("a stream error sent within %s", WAIT).isNotNull();
        assertThat(error.qualifiedName()).isEqualTo("{http://etherx.jabber.org/streams}error");
        return error;
    }

    private static void assertEnded(BaseXMPP xmpp, BlockingQueue<Object> disconnected, InMemoryTransport peer)
            throws Exception {
        assertThat(disconnected.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("disconnected").isNotNull();
        xmpp.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(peer.isClosed()).as("transport closed").isTrue();
    }

    @Test
    void aHeaderWithACharacterXmlForbidsGetsNotWellFormedWithoutThatCharacter() throws Exception {
        BaseXMPP xmpp = new BaseXMPP("jabber:client", config("forbidden"));
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        xmpp.addEventHandler("disconnected", disconnected::add);
        InMemoryTransport peer = new InMemoryTransport();
        xmpp.connect(peer);
        peer.nextSentEvent(WAIT);
        // U+FFFF, well-formed UTF-8 but no XML character: the parser's reason quotes it.
        peer.receive(OPEN + "'\uFFFF'>");

        XmlElement error = streamErrorSent(peer);
        assertThat(error.element("not-well-formed", STREAMS_NS)).isNotNull();
        assertThat(error.childText("text", STREAMS_NS)).as("the reason, quoting the character by number")
                .contains("\\uFFFF").doesNotContain("\uFFFF");
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        assertEnded(xmpp, disconnected, peer);
    }

    @Test
    void aHeaderWithAnUnpairedSurrogateGetsNotWellFormed() throws Exception {
        BaseXMPP xmpp = new BaseXMPP("jabber:client", config("surrogate"));
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        xmpp.addEventHandler("disconnected", disconnected::add);
        InMemoryTransport peer = new InMemoryTransport();
        xmpp.connect(peer);
        peer.nextSentEvent(WAIT);
        // U+D800 encoded as if it were a character (CESU-8): not UTF-8, and not a character XML can carry.
        peer.receive(concat(OPEN.getBytes(StandardCharsets.UTF_8), new byte[] {'\'', (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, '\'', '>'}));

        XmlElement error = streamErrorSent(peer);
        assertThat(error.element("not-well-formed", STREAMS_NS)).isNotNull();
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        assertEnded(xmpp, disconnected, peer);
    }

    @Test
    void aCharacterReferenceToASurrogateGetsNotWellFormed() throws Exception {
        BaseXMPP xmpp = new BaseXMPP("jabber:client", config("surrogate-ref"));
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        xmpp.addEventHandler("disconnected", disconnected::add);
        InMemoryTransport peer = new InMemoryTransport();
        xmpp.connect(peer);
        peer.nextSentEvent(WAIT);
        peer.receive(OPEN + "'&#xD800;'>");

        assertThat(streamErrorSent(peer).element("not-well-formed", STREAMS_NS)).isNotNull();
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.End.class);
        assertEnded(xmpp, disconnected, peer);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Test
    void aUtf16HeaderGetsAStreamErrorAndTheConnectionEnds() throws Exception {
        BaseXMPP xmpp = new BaseXMPP("jabber:client", config("utf16"));
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        xmpp.addEventHandler("disconnected", disconnected::add);
        InMemoryTransport peer = new InMemoryTransport();
        xmpp.connect(peer);
        peer.nextSentEvent(WAIT);
        // The byte-order mark reads as U+FFFE (or U+FFFF) in UTF-8, which XML cannot carry.
        peer.receive(("\uFEFF" + OPEN + "'x'>").getBytes(StandardCharsets.UTF_16LE));

        XmlElement error = streamErrorSent(peer);
        assertThat(error.elements()).first().extracting(XmlElement::name).isNotNull();
        assertEnded(xmpp, disconnected, peer);
    }

    @Test
    void anOutOfMemoryErrorInAHandlerEndsTheConnectionAndTheEventThreadGoesOn() throws Exception {
        BaseXMPP xmpp = new BaseXMPP("jabber:client", config("oom"));
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        BlockingQueue<String> handled = new LinkedBlockingQueue<>();
        xmpp.addEventHandler("disconnected", disconnected::add);
        xmpp.registerHandler(StreamHandler.of("greedy", Matcher.stanzaPath("message@type=chat"), s -> {
            throw new OutOfMemoryError("simulated");
        }));
        xmpp.registerHandler(StreamHandler.of("later", Matcher.stanzaPath("message@type=normal"),
                s -> handled.add(Thread.currentThread().getName())));
        InMemoryTransport peer = new InMemoryTransport();
        xmpp.connect(peer);
        peer.nextSentEvent(WAIT);
        peer.receive(OPEN + "'s1'><message type='chat'/><message type='normal'/>");

        assertThat(disconnected.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).asString()
                .contains("OutOfMemoryError");
        assertThat(peer.isClosed()).as("transport closed").isTrue();
        assertThat(handled.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the event thread went on")
                .isEqualTo("oom-event");
        xmpp.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aSubclassFailingAsTheConnectionEndsStillLeavesNothingOpenNorRunning() throws Exception {
        BaseXMPP xmpp = new BaseXMPP("jabber:client", config("failing-end")) {
            @Override
            protected void connectionEnded(boolean requested, String reason, @Nullable Throwable cause) {
                throw new IllegalStateException("bug in a subclass");
            }
        };
        InMemoryTransport peer = new InMemoryTransport();
        xmpp.connect(peer);
        peer.nextSentEvent(WAIT);
        peer.receive(OPEN + "'s1'><message><body></message>");
        assertThat(streamErrorSent(peer).element("not-well-formed", STREAMS_NS)).isNotNull();
        xmpp.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(peer.isClosed()).isTrue();
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("failing-end")));
    }

    @Test
    void aFailingTimerTaskEndsTheConnectionOfItsStream() throws Exception {
        BaseXMPP xmpp = new BaseXMPP("jabber:client", config("timer"));
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        xmpp.addEventHandler("disconnected", disconnected::add);
        InMemoryTransport peer = new InMemoryTransport();
        xmpp.connect(peer);
        peer.nextSentEvent(WAIT);
        peer.receive(OPEN + "'s1'>");
        await().atMost(WAIT).until(() -> xmpp.peerHeader() != null);

        xmpp.config().scheduler().schedule(Failures.guardTimer(xmpp, "doomed", () -> {
            throw new StackOverflowError("simulated");
        }), Duration.ZERO);

        assertThat(disconnected.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).asString()
                .contains("doomed").contains("StackOverflowError");
        xmpp.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(peer.isClosed()).as("transport closed").isTrue();
    }

    @Test
    void aDisconnectRacingTheConnectionsOwnEndStillDeliversDisconnected() throws Exception {
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        AtomicReference<BaseXMPP> self = new AtomicReference<>();
        InMemoryTransport peer = new InMemoryTransport();
        // The connection ends on its send thread (a write fails); just as it closes the transport, the application
        // disconnects, and the event thread gets every chance to stop before the end is reported.
        Transport racing = new Transport() {
            private volatile boolean failWrites;

            @Override
            public int read(byte[] buffer) throws java.io.IOException {
                return peer.read(buffer);
            }

            @Override
            public void write(byte[] data, int offset, int length) throws java.io.IOException {
                if (failWrites) {
                    throw new java.io.IOException("Broken pipe");
                }
                peer.write(data, offset, length);
                failWrites = true;
            }

            @Override
            public void flush() {
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String describe() {
                return "racing";
            }

            @Override
            public void close() {
                peer.close();
                BaseXMPP xmpp = self.get();
                try {
                    xmpp.disconnect().get(1, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the stream waits for this end to be reported before it stops
                }
            }
        };
        BaseXMPP xmpp = new BaseXMPP("jabber:client", config("racing"));
        self.set(xmpp);
        xmpp.addEventHandler("disconnected", disconnected::add);
        xmpp.connect(racing);
        peer.nextSentEvent(WAIT);
        xmpp.sendMessage(org.xmppboot.jid.Jid.of("a@example.com"), "this write fails", null);

        assertThat(disconnected.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).asString().contains("write failed");
        xmpp.terminated().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
