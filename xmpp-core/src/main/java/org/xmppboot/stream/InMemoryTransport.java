package org.xmppboot.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.xmppboot.sasl.ChannelBindings;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlLimits;
import org.xmppboot.xml.XmlStreamException;
import org.xmppboot.xml.XmlStreamParser;

/**
 * A scripted peer for tests with no server: feed it what the peer says with {@link #receive(String)}, and
 * read what the stream wrote, element by element, with {@link #nextSent(Duration)}. What the stream writes is
 * parsed as it arrives, so a test compares elements, not byte runs cut wherever the send thread flushed.
 */
public final class InMemoryTransport implements Transport {

    private static final byte[] EOF = new byte[0];

    private final BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> sent = new LinkedBlockingQueue<>();
    private final StringBuilder sentText = new StringBuilder();
    private final XmlStreamParser sentParser;
    private byte @Nullable [] pending;
    private int pendingOffset;
    private volatile boolean closed;
    private volatile boolean secure;
    private volatile @Nullable ChannelBindings channelBindings;

    /** What the stream wrote, as {@link #nextSentEvent} reports it. */
    public sealed interface SentEvent permits Header, Element, End {
    }

    public record Header(XmlElement header, String defaultNamespace) implements SentEvent {
    }

    public record Element(XmlElement element) implements SentEvent {
    }

    public record End() implements SentEvent {
    }

    public InMemoryTransport() {
        sentParser = new XmlStreamParser(XmlLimits.DEFAULTS, new XmlStreamParser.Listener() {
            @Override
            public void streamStart(XmlElement header, String defaultNamespace) {
                sent.add(new Header(header, defaultNamespace));
            }

            @Override
            public void element(XmlElement element) {
                sent.add(new Element(element));
            }

            @Override
            public void streamEnd() {
                sent.add(new End());
            }
        });
    }

    // ---------------------------------------------------------------- the test's side

    /** Makes the stream read this text next. */
    public void receive(String xml) {
        receive(xml.getBytes(StandardCharsets.UTF_8));
    }

    public void receive(byte[] bytes) {
        if (bytes.length > 0) {
            inbound.add(bytes.clone());
        }
    }

    /** The peer closes its side: the stream reads end of input. */
    public void endInput() {
        inbound.add(EOF);
    }

    /** The next thing the stream wrote (header, element or stream end), or null after the timeout. */
    public @Nullable SentEvent nextSentEvent(Duration timeout) throws InterruptedException {
        return (SentEvent) sent.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next element the stream wrote, skipping stream headers; null after the timeout. */
    public @Nullable XmlElement nextSent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object event = sent.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null) {
                return null;
            }
            if (event instanceof Element e) {
                return e.element();
            }
        }
    }

    /** Everything written so far, as text. */
    public String sentText() {
        synchronized (sentText) {
            return sentText.toString();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- the stream's side

    @Override
    public int read(byte[] buffer) throws IOException {
        try {
            while (pending == null || pendingOffset == pending.length) {
                if (closed) {
                    return -1;
                }
                byte[] next = inbound.poll(50, TimeUnit.MILLISECONDS);
                if (next == EOF) {
                    return -1;
                }
                if (next != null) {
                    pending = next;
                    pendingOffset = 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
        int n = Math.min(buffer.length, pending.length - pendingOffset);
        System.arraycopy(pending, pendingOffset, buffer, 0, n);
        pendingOffset += n;
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("Transport closed");
        }
        String text = new String(data, offset, length, StandardCharsets.UTF_8);
        synchronized (sentText) {
            sentText.append(text);
        }
        if (text.startsWith("<?xml") || text.startsWith("<stream:stream")) {
            // A stream (re)start: the stream writes each header on its own, and a restart begins a new document.
            sentParser.reset();
        }
        try {
            sentParser.feed(data, offset, length);
        } catch (XmlStreamException e) {
            throw new AssertionError("The stream wrote XML that is not well-formed: " + e.getMessage()
                    + "\n" + sentText(), e);
        }
    }

    @Override
    public void flush() {
    }

    /**
     * Pretends to upgrade: no bytes change, the transport only reports itself secure from now on, so scripted
     * tests can walk through STARTTLS. {@link #tlsSession()} stays null; channel bindings only with
     * {@link #secure(ChannelBindings)}.
     */
    @Override
    public void startTls(SSLContext context, String serverName, @Nullable String applicationProtocol) {
        secure = true;
    }

    /** Makes the transport report itself secure from the start (as if direct TLS). */
    public InMemoryTransport secure() {
        secure = true;
        return this;
    }

    /**
     * Makes the transport report itself secure, with these channel bindings, from the start: for tests of SCRAM
     * {@code -PLUS} choices over TLS versions and JVMs this machine does not have.
     */
    public InMemoryTransport secure(ChannelBindings bindings) {
        channelBindings = bindings;
        secure = true;
        return this;
    }

    @Override
    public @Nullable ChannelBindings channelBindings() {
        return channelBindings;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    @Override
    public void close() {
        closed = true;
    }
}
