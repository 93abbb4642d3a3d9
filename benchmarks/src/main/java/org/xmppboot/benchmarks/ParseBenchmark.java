package org.xmppboot.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlLimits;
import org.xmppboot.xml.XmlStreamException;
import org.xmppboot.xml.XmlStreamParser;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;

/**
 * Inbound throughput over {@link StanzaCorpus}: (a) aalto-xml's async parser alone, pulling every name,
 * attribute and text (the ceiling for any parser built on it), and (b) the whole inbound path of a
 * {@link BaseXMPP} stream: bytes read by the read thread, parsed into element trees, wrapped as stanza objects,
 * run past the matchers, queued, and handed to a handler on the event thread. Both score stanzas per second.
 *
 * <p>Run {@link #main} to get both figures and their ratio from one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(StanzaCorpus.SIZE)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ParseBenchmark {

    /** About what one socket read returns. */
    private static final int CHUNK = 16 * 1024;

    private final byte[] header = StanzaCorpus.STREAM_HEADER.getBytes(StandardCharsets.UTF_8);
    private List<byte[]> chunks;

    private BaseXMPP xmpp;
    private InMemoryTransport peer;
    private final AtomicLong handled = new AtomicLong();
    private volatile long target;
    private long fed;
    private volatile Thread waiter;

    @Setup(Level.Trial)
    public void setUp() {
        chunks = StanzaCorpus.chunks(StanzaCorpus.bytes(), CHUNK);

        xmpp = new BaseXMPP("jabber:client", StreamConfig.defaults().withName("bench"));
        xmpp.registerHandler(StreamHandler.of("chat", Matcher.stanzaPath("message@type=chat/body"), s -> count()));
        xmpp.registerHandler(StreamHandler.of("presence", Matcher.stanzaPath("presence"), s -> count()));
        xmpp.registerHandler(StreamHandler.of("items",
                Matcher.stanzaPath("iq@type=result/{http://jabber.org/protocol/disco#items}query"), s -> count()));
        peer = new InMemoryTransport();
        xmpp.connect(peer);
        peer.receive(header);
    }

    private void count() {
        if (handled.incrementAndGet() >= target) {
            LockSupport.unpark(waiter);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        xmpp.abort("benchmark over");
        xmpp.terminated().get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public void aaltoAsyncPullAll(Blackhole bh) throws XMLStreamException {
        AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = new InputFactoryImpl().createAsyncForByteArray();
        feedAndPull(reader, header, bh);
        for (byte[] chunk : chunks) {
            feedAndPull(reader, chunk, bh);
        }
        reader.close();
    }

    private static void feedAndPull(AsyncXMLStreamReader<AsyncByteArrayFeeder> reader, byte[] chunk, Blackhole bh)
            throws XMLStreamException {
        reader.getInputFeeder().feedInput(chunk, 0, chunk.length);
        int event;
        while ((event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            if (event == XMLStreamConstants.START_ELEMENT) {
                bh.consume(reader.getLocalName());
                bh.consume(reader.getNamespaceURI());
                for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
                    bh.consume(reader.getAttributeLocalName(i));
                    bh.consume(reader.getAttributeNamespace(i));
                    bh.consume(reader.getAttributeValue(i));
                }
            } else if (event == XMLStreamConstants.CHARACTERS) {
                bh.consume(reader.getText());
            }
        }
    }

    /** The middle step, for finding where time goes: bytes to element trees on the caller's thread. */
    @Benchmark
    public void elementTrees(Blackhole bh) throws XmlStreamException {
        XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, new XmlStreamParser.Listener() {
            @Override
            public void streamStart(XmlElement streamHeader, String defaultNamespace) {
            }

            @Override
            public void element(XmlElement element) {
                bh.consume(element);
            }

            @Override
            public void streamEnd() {
            }
        });
        parser.feed(header, 0, header.length);
        for (byte[] chunk : chunks) {
            parser.feed(chunk, 0, chunk.length);
        }
    }

    /**
     * Feeds one corpus and waits until the one fed by the previous invocation has been handled: the stream
     * always has bytes waiting, as on a busy socket, so the score is steady-state throughput rather than the
     * time to fill and drain an empty pipeline.
     */
    @Benchmark
    public void xmppStreamToHandlers() {
        waiter = Thread.currentThread();
        long previous = fed;
        fed += StanzaCorpus.SIZE;
        for (byte[] chunk : chunks) {
            peer.receive(chunk);
        }
        target = previous;
        while (handled.get() < previous) {
            LockSupport.parkNanos(100_000);
        }
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ParseBenchmark.class.getName())
                .build()).run();
        double raw = score(results, "aaltoAsyncPullAll");
        double trees = score(results, "elementTrees");
        double full = score(results, "xmppStreamToHandlers");
        System.out.printf("%n(a) aalto async, every string pulled: %,12.0f stanzas/s%n", raw);
        System.out.printf("    bytes -> element trees, one thread: %,10.0f stanzas/s%n", trees);
        System.out.printf("(b) bytes -> stanzas -> matched -> handler: %,6.0f stanzas/s%n", full);
        System.out.printf("(b) / (a) = %.0f%%%n", 100 * full / raw);
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst().orElseThrow()
                .getPrimaryResult().getScore();
    }
}
