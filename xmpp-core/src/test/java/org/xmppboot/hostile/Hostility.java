package org.xmppboot.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.xmppboot.hostile.Payload.After;
import org.xmppboot.hostile.Payload.Delivery;

/**
 * The hostile part of one connection: the case's payload, written as it says while what the client writes back is
 * captured, then the server's last act; and finally what the client sent, read for the case's outcome.
 */
final class Hostility {

    /** Whatever the client writes, the last this many bytes are kept: its closing words are what count. */
    private static final int CAPTURE_TAIL = 64 * 1024;
    /** A client that reads a never-ending element this far past its limit has no limit. */
    private static final long ENDLESS_CAP = 8L * 1024 * 1024;
    private static final long DRIP_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    private static final Pattern CONDITION =
            Pattern.compile("<([a-z-]+) xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"");

    private final HostileCase c;
    /** Where the payload goes: the TLS socket once TLS is up, else the TCP socket. */
    private final Socket socket;
    private final Socket raw;
    private final Random random;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final CountDownLatch captureEnded = new CountDownLatch(1);
    private volatile boolean captureStarted;

    private Hostility(HostileCase c, Socket socket, Socket raw) {
        this.c = c;
        this.socket = socket;
        this.raw = raw;
        this.random = new Random(c.index());
    }

    /** Sends the case's payload and does what it says after it; returns once done or cut off by the client. */
    static Hostility start(HostileCase c, Socket socket, Socket raw) {
        Hostility h = new Hostility(c, socket, raw);
        h.run();
        return h;
    }

    private void run() {
        Payload p = c.payload();
        if (p.after() != After.STOP_READING) {
            startCapture();
        }
        try {
            OutputStream out = p.underTls() ? raw.getOutputStream() : socket.getOutputStream();
            write(out, p.bytes(), p.delivery());
            if (p.isEndless()) {
                for (long sent = 0; sent < ENDLESS_CAP; sent += p.endless().length) {
                    out.write(p.endless());
                }
                out.flush();
            }
            after(p.after());
        } catch (IOException e) {
            // The client cut us off: what a hostile server meets most.
        }
    }

    private void write(OutputStream out, byte[] bytes, Delivery delivery) throws IOException {
        int at = 0;
        if (delivery == Delivery.DRIP) {
            long until = System.nanoTime() + DRIP_NANOS;
            for (; at < bytes.length && System.nanoTime() < until; at++) {
                out.write(bytes[at]);
                out.flush();
                sleep(1 + random.nextInt(8));
            }
        } else if (delivery == Delivery.CHUNKED) {
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, 1 << random.nextInt(14));
                out.write(bytes, at, n);
                out.flush();
                at += n;
            }
        }
        out.write(bytes, at, bytes.length - at);
        out.flush();
    }

    private void after(After after) throws IOException {
        switch (after) {
            case CLOSE_STREAM -> FakeServer.send(socket, "</stream:stream>");
            case CLOSE_TCP -> raw.close();
            case RESET -> {
                raw.setSoLinger(true, 0);
                raw.close();
            }
            case HALF_CLOSE -> {
                if (socket instanceof SSLSocket) {
                    socket.close();
                } else {
                    raw.shutdownOutput();
                }
            }
            default -> {
                // STALL and STOP_READING: the connection stays as it is
            }
        }
    }

    private synchronized void startCapture() {
        if (captureStarted) {
            return;
        }
        captureStarted = true;
        Thread capture = new Thread(this::capture, "fake-server-" + c.index());
        capture.setDaemon(true);
        capture.start();
    }

    private void capture() {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (captured) {
                    captured.write(buffer, 0, n);
                    if (captured.size() > 4 * CAPTURE_TAIL) {
                        byte[] all = captured.toByteArray();
                        captured.reset();
                        captured.write(all, all.length - CAPTURE_TAIL, CAPTURE_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // closed, reset, or TLS broken: the capture is what it is
        } finally {
            captureEnded.countDown();
        }
    }

    /**
     * Once the client has ended: reads what it wrote to the end (a server that stopped reading reads it now), and
     * says what its last words were.
     */
    String outcome(Duration wait) throws InterruptedException {
        startCapture();
        captureEnded.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        Matcher m = CONDITION.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("text")) {
                return "sent <" + m.group(1) + "/>";
            }
        }
        return text.contains("</stream:stream>") ? "closed the stream" : "closed the connection";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
