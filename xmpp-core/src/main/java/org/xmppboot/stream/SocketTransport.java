package org.xmppboot.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import java.util.List;

import javax.net.ssl.SNIHostName;
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
 */
public class SocketTransport implements Transport {


    private volatile Socket socket;
    private volatile InputStream in;
    private volatile OutputStream out;

    public SocketTransport(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        use(socket);
    }

    /** Connects to {@code host:port} with a bounded connect timeout. */
    public static SocketTransport connect(String host, int port, Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            return new SocketTransport(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Layers TLS over the connected socket and runs the handshake (STARTTLS, or at once for direct TLS). The
     * server's certificate must be valid for {@code serverName}, the XMPP domain (RFC 7590 §3.2); SNI names it.
     *
     * @param applicationProtocol the ALPN protocol for direct TLS ({@code xmpp-client}), or null
     * @throws IOException if the handshake fails, with the reason JSSE gives (an untrusted certificate, a name
     *     mismatch, no common protocol)
     */
    @Override
    public void startTls(SSLContext context, String serverName, @Nullable String applicationProtocol)
            throws IOException {
        Socket plain = socket;
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, plain.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (serverName.indexOf('.') > 0 && !serverName.endsWith(".")) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        if (applicationProtocol != null) {
            parameters.setApplicationProtocols(new String[] {applicationProtocol});
        }
        tls.setSSLParameters(parameters);
        tls.setUseClientMode(true);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            tls.close();
            throw new IOException("TLS handshake failed: " + e.getMessage(), e);
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

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing more to do
        }
    }
}
