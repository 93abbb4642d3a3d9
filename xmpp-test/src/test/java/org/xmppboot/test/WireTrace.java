package org.xmppboot.test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.sasl.ChannelBindings;
import org.xmppboot.stream.Transport;

/**
 * A timestamped trace of a test run, one line per entry: what a client's connections read and wrote (the XML,
 * after TLS), and whatever the test notes; and actions to take when a client has sent a given element. The
 * timestamps are UTC with microseconds, as in ejabberd's log, so that both can be read side by side. Each line is
 * {@code time who what}: {@code who} is {@code cN<} for what the client's N-th connection read, {@code cN>} for
 * what it wrote (one line per read or write, so a stanza may span two), or a name the test chose.
 */
final class WireTrace implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    /** Null when not tracing: then nothing is noted. */
    private final @Nullable BufferedWriter out;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Trigger> triggers = new CopyOnWriteArrayList<>();

    /** An action to run once, when a client has sent something with {@code fragment} in it. */
    private record Trigger(String fragment, Runnable action, AtomicBoolean fired) {
    }

    /** @param file where the trace goes, or null for none */
    WireTrace(@Nullable Path file) {
        if (file == null) {
            out = null;
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isOn() {
        return out != null;
    }

    /** Adds a line. */
    synchronized void note(String who, String what) {
        BufferedWriter out = this.out;
        if (out == null) {
            return;
        }
        try {
            out.write(TIME.format(Instant.now()));
            out.write(' ');
            out.write(who);
            out.write(' ');
            out.write(what.replace("\n", "\\n"));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code action} once, on the client's send thread, right after the first write containing
     * {@code fragment} was flushed to the network (by a client made by {@link #client}).
     */
    void whenSent(String fragment, Runnable action) {
        triggers.add(new Trigger(fragment, action, new AtomicBoolean()));
    }

    /** A client whose every connection is traced (when tracing, or when a trigger is set). */
    ClientXMPP client(ClientConfig config) {
        if (out == null && triggers.isEmpty()) {
            return new ClientXMPP(config);
        }
        return new ClientXMPP(config) {
            @Override
            protected Transport openTransport() throws IOException {
                Transport transport = super.openTransport();
                int n = connections.incrementAndGet();
                note("c" + n, "connected: " + transport.describe());
                return new Tap(transport, "c" + n);
            }
        };
    }

    @Override
    public synchronized void close() {
        BufferedWriter out = this.out;
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The transport, with what crosses it noted. */
    private final class Tap implements Transport {

        private final Transport transport;
        private final String name;
        /** Triggers whose fragment was written and not yet flushed (send thread only). */
        private final List<Trigger> due = new ArrayList<>();

        Tap(Transport transport, String name) {
            this.transport = transport;
            this.name = name;
        }

        @Override
        public int read(byte[] buffer) throws IOException {
            int n;
            try {
                n = transport.read(buffer);
            } catch (IOException e) {
                note(name + "<", "read failed: " + e);
                throw e;
            }
            note(name + "<", n < 0 ? "end of input" : new String(buffer, 0, n, StandardCharsets.UTF_8));
            return n;
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            String text = new String(data, offset, length, StandardCharsets.UTF_8);
            note(name + ">", text);
            for (Trigger trigger : triggers) {
                if (text.contains(trigger.fragment()) && trigger.fired().compareAndSet(false, true)) {
                    due.add(trigger);
                }
            }
            try {
                transport.write(data, offset, length);
            } catch (IOException e) {
                note(name + ">", "write failed: " + e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            transport.flush();
            for (Trigger trigger : due) {
                note(name, "sent '" + trigger.fragment() + "': acting");
                trigger.action().run();
            }
            due.clear();
        }

        @Override
        public boolean isSecure() {
            return transport.isSecure();
        }

        @Override
        public void startTls(SSLContext context, String serverName, @Nullable String applicationProtocol)
                throws IOException {
            transport.startTls(context, serverName, applicationProtocol);
            note(name, "TLS up");
        }

        @Override
        public @Nullable SSLSession tlsSession() {
            return transport.tlsSession();
        }

        @Override
        public @Nullable ChannelBindings channelBindings() {
            return transport.channelBindings();
        }

        @Override
        public String describe() {
            return transport.describe();
        }

        @Override
        public void close() {
            note(name, "closed by the client");
            transport.close();
        }
    }
}
