package org.xmppboot.stream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

/**
 * A TCP connection, optionally upgraded to TLS. TCP_NODELAY is always on: with Nagle's algorithm a small
 * request and its reply each wait for the peer's delayed ACK, 40 ms or more per round trip. Writes go through
 * a 64 KiB buffer that the send thread flushes once per batch of queued stanzas.
 */
public class SocketTransport implements Transport {

    private static final int BUFFER = 64 * 1024;

    private volatile Socket socket;
    private volatile InputStream in;
    private volatile OutputStream out;

    public SocketTransport(Socket socket) throws IOException {
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

    /** Replaces the plain socket by a TLS one layered over it (STARTTLS); the caller has done the handshake. */
    protected final void use(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
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
        return (isSecure() ? "tls " : "tcp ") + socket.getRemoteSocketAddress();
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
