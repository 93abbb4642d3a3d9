package org.xmppboot.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * A TCP connection, optionally upgraded to TLS. TCP_NODELAY is always on: with Nagle's algorithm a small
 * request and its reply each wait for the peer's delayed ACK, 40 ms or more per round trip. There is no write
 * buffer here: the send thread gathers each burst of stanzas into one write, and an idle connection holds no
 * empty buffer.
 *
 * <p>{@link #close()} never blocks, and the TLS handshake is bounded: a peer that stops reading or stops
 * answering cannot hold a thread here.
 */
public class SocketTransport implements Transport {

    /** The handshake bound for a transport made from a socket, with no connect timeout to go by. */
    private static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    /** The TCP socket, under TLS once it is up. */
    private final Socket tcp;
    private final Duration handshakeTimeout;
    private volatile Socket socket;
    private volatile InputStream in;
    private volatile OutputStream out;

    public SocketTransport(Socket socket) throws IOException {
        this(socket, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    private SocketTransport(Socket socket, Duration handshakeTimeout) throws IOException {
        socket.setTcpNoDelay(true);
        this.tcp = socket;
        this.handshakeTimeout = handshakeTimeout;
        use(socket);
    }

    /** Connects to {@code host:port} with a bounded connect timeout, which bounds a TLS handshake too. */
    public static SocketTransport connect(String host, int port, Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            return new SocketTransport(socket, connectTimeout);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Layers TLS over the connected socket and runs the handshake (STARTTLS, or at once for direct TLS). The
     * server's certificate must be trusted by {@code context} and name {@code serverName}, the XMPP domain, as
     * an XMPP client checks it (RFC 6120 §13.7.1.2, RFC 7590 §3.2; see {@link ServerIdentity}); SNI names it.
     *
     * @param applicationProtocol the ALPN protocol for direct TLS ({@code xmpp-client}), or null
     * @throws IOException if the handshake fails, with the reason JSSE gives (an untrusted certificate, no
     *     common protocol), if it does not finish within the connect timeout, or if the certificate does not name
     *     the domain (an {@link SSLPeerUnverifiedException} listing the names it carries)
     */
    @Override
    public void startTls(SSLContext context, String serverName, @Nullable String applicationProtocol)
            throws IOException {
        Socket plain = socket;
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, plain.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        // JSSE's "HTTPS" identity check matches DNS-IDs only; an XMPP server may be named by SRV-ID or XmppAddr
        // instead (RFC 6120 §13.7.1.2), so the name is checked below. Trust in the chain stays JSSE's.
        parameters.setEndpointIdentificationAlgorithm(null);
        if (serverName.indexOf('.') > 0 && !serverName.endsWith(".")) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        if (applicationProtocol != null) {
            parameters.setApplicationProtocols(new String[] {applicationProtocol});
        }
        tls.setSSLParameters(parameters);
        tls.setUseClientMode(true);
        // A server that stops mid-handshake (or drips it) would hold this thread for ever: past the bound, the
        // TCP socket is closed under the handshake, which then fails.
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> bound = Scheduler.shared().schedule(() -> {
            timedOut.set(true);
            closeQuietly(tcp);
        }, handshakeTimeout);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            closeQuietly(tls);
            throw new IOException("TLS handshake failed: " + (timedOut.get()
                    ? "not finished within " + handshakeTimeout.toMillis() + " ms" : e.getMessage()), e);
        } finally {
            bound.cancel(false);
        }
        try {
            // Before any application data: a peer that is not the domain must not see the stream header.
            // Resumed sessions keep the peer's certificates, so they are checked too.
            Certificate[] chain = tls.getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate server)) {
                throw new SSLPeerUnverifiedException("The server sent no X.509 certificate");
            }
            ServerIdentity.verify(server, serverName);
        } catch (IOException | RuntimeException e) {
            closeQuietly(tls);
            throw e;
        }
        use(tls);
    }

    @Override
    public @Nullable SSLSession tlsSession() {
        return socket instanceof SSLSocket tls ? tls.getSession() : null;
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        return in.read(buffer);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public boolean isSecure() {
        return socket instanceof SSLSocket;
    }

    @Override
    public String describe() {
        SSLSession session = tlsSession();
        return (session != null ? session.getProtocol() + " " : "tcp ") + socket.getRemoteSocketAddress();
    }

    /**
     * Closes the connection without waiting for anything. Closing a TLS socket sends close_notify, a write that
     * waits for any write in progress and then for room in the TCP window: with a peer that reads nothing it
     * would never return. So the TCP socket is closed first, which ends any blocked read or write at once; the
     * TLS layer then closes without a close_notify. The end of our data is marked in XMPP itself, by our
     * closing tag.
     */
    @Override
    public void close() {
        closeQuietly(tcp);
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing: nothing more to do
        }
    }
}
