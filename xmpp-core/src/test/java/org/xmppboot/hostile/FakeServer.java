package org.xmppboot.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.xmppboot.hostile.HostileCase.Stage;
import org.xmppboot.xml.XmlElement;

/**
 * A scripted XMPP server on a loopback socket, for one client: it negotiates honestly (STARTTLS if asked, SASL
 * ANONYMOUS, binding) up to the case's stage, then turns hostile ({@link Hostility}). It counts the connections the
 * client makes, so that once the client reconnects after any end, a test can say how often it came back.
 */
final class FakeServer implements AutoCloseable {

    static final String DOMAIN = "example.org";
    static final String BOUND = "hostile@" + DOMAIN + "/bot";

    private static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    private static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
    /** No honest exchange of the script takes anywhere near this; a client that is silent longer is stuck. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket listener;
    private final @Nullable SSLContext tls;
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** @param tls the server's certificate and key, for STARTTLS and direct TLS; null for plain TCP only */
    FakeServer(@Nullable SSLContext tls) throws IOException {
        this.tls = tls;
        listener = new ServerSocket();
        // A small window, so that a client writing to a peer that reads nothing blocks soon.
        listener.setReceiveBufferSize(16 * 1024);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        listener.setSoTimeout(READ_TIMEOUT_MILLIS);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many connections the client has made so far. */
    int attempts() {
        return attempts.get();
    }

    /**
     * Serves the client's next connection: negotiates up to the case's stage, then sends the case's payload and does
     * what it says after it. Returns once that is done (or the client broke the connection off).
     *
     * @throws IOException if the honest part of the script failed: the client did not negotiate as expected
     */
    Hostility serve(HostileCase c) throws IOException {
        Socket raw = listener.accept();
        attempts.incrementAndGet();
        sockets.add(raw);
        acceptLater(c.index());
        raw.setSoTimeout(READ_TIMEOUT_MILLIS);
        raw.setTcpNoDelay(true);
        if (c.directTls()) {
            if (c.stage() == Stage.TLS_HANDSHAKE && !c.payload().underTls()) {
                raw.getInputStream().read(new byte[4096]); // the ClientHello, answered with the payload
                return Hostility.start(c, raw, raw);
            }
            Socket secured = handshake(raw);
            return Hostility.start(c, secured, raw);
        }
        Socket socket = raw;
        ClientReader reader = new ClientReader(raw.getInputStream());
        reader.header();
        if (c.stage() == Stage.HEADER && !c.tls()) {
            return Hostility.start(c, socket, raw);
        }
        if (c.tls()) {
            send(socket, HostileInput.HEADER + "<stream:features><starttls xmlns='" + TLS_NS + "'><required/>"
                    + "</starttls></stream:features>");
            reader.element("starttls");
            send(socket, "<proceed xmlns='" + TLS_NS + "'/>");
            if (c.stage() == Stage.TLS_HANDSHAKE && !c.payload().underTls()) {
                return Hostility.start(c, raw, raw);
            }
            socket = handshake(raw);
            if (c.stage() == Stage.TLS_HANDSHAKE) {
                return Hostility.start(c, socket, raw);
            }
            reader = new ClientReader(socket.getInputStream());
            reader.header();
            if (c.stage() == Stage.HEADER) {
                return Hostility.start(c, socket, raw);
            }
        }
        send(socket, HostileInput.HEADER + "<stream:features><mechanisms xmlns='" + SASL_NS + "'>"
                + "<mechanism>ANONYMOUS</mechanism></mechanisms></stream:features>");
        return authenticate(c, socket, raw, reader);
    }

    private Hostility authenticate(HostileCase c, Socket socket, Socket raw, ClientReader reader)
            throws IOException {
        reader.element("auth");
        if (c.stage() == Stage.SASL) {
            return Hostility.start(c, socket, raw);
        }
        send(socket, "<success xmlns='" + SASL_NS + "'/>");
        reader.restart();
        reader.header();
        send(socket, HostileInput.HEADER + "<stream:features><bind xmlns='" + BIND_NS + "'/></stream:features>");
        XmlElement bind = reader.element("iq");
        send(socket, "<iq type='result' id='" + bind.attribute("id") + "'><bind xmlns='" + BIND_NS + "'><jid>"
                + BOUND + "</jid></bind></iq>");
        return Hostility.start(c, socket, raw);
    }

    /**
     * Counts (and keeps open, unanswered) every later connection: a client that comes back is seen coming back.
     * Once the client reconnects after any end, a test can serve these too.
     */
    private void acceptLater(int index) {
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket later = listener.accept();
                    attempts.incrementAndGet();
                    sockets.add(later);
                } catch (IOException e) {
                    // timed out waiting (go on), or closed (the loop ends)
                }
            }
        }, "fake-server-accept-" + index);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The server's side of a TLS handshake over the connected socket. */
    private Socket handshake(Socket raw) throws IOException {
        if (tls == null) {
            throw new IOException("This server has no TLS material");
        }
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
        secured.setUseClientMode(false);
        secured.setSoTimeout(READ_TIMEOUT_MILLIS);
        secured.startHandshake();
        sockets.add(secured);
        return secured;
    }

    static void send(Socket socket, String xml) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Lets go of every socket (a case that outlived its time limit is stopped here too). */
    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** For a case's time limit: how long one connection's script waits on a silent client. */
    static Duration readTimeout() {
        return Duration.ofMillis(READ_TIMEOUT_MILLIS);
    }
}
