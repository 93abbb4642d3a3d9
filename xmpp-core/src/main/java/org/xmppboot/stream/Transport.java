package org.xmppboot.stream;

import java.io.Closeable;
import java.io.IOException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;
import org.xmppboot.sasl.ChannelBindings;

/**
 * The byte pipe under an {@link XMLStream}. One read thread calls {@link #read}; one send thread calls
 * {@link #write} and {@link #flush}; {@link #close} may come from any thread and must unblock both.
 */
public interface Transport extends Closeable {

    /** Reads some bytes, blocking until at least one is available; -1 at end of input. */
    int read(byte[] buffer) throws IOException;

    /** Writes bytes, possibly into a buffer that {@link #flush} pushes out. */
    void write(byte[] data, int offset, int length) throws IOException;

    void flush() throws IOException;

    /** Whether what crosses this transport is encrypted. */
    boolean isSecure();

    /**
     * Upgrades the connection to TLS (STARTTLS, or direct TLS before the stream starts) and completes the
     * handshake; the server's certificate must be valid for {@code serverName}.
     *
     * @param applicationProtocol the ALPN protocol to offer, or null
     */
    default void startTls(SSLContext context, String serverName, @Nullable String applicationProtocol)
            throws IOException {
        throw new IOException(getClass().getSimpleName() + " cannot do TLS");
    }

    /** The TLS session once TLS is up (for channel binding and diagnostics), else null. */
    default @Nullable SSLSession tlsSession() {
        return null;
    }

    /** What SCRAM {@code -PLUS} can bind to once TLS is up, else null. */
    default @Nullable ChannelBindings channelBindings() {
        SSLSession session = tlsSession();
        return session == null ? null : Tls.channelBindings(session);
    }

    /** Where it is connected, for logs and health details (never credentials). */
    String describe();

    @Override
    void close();
}
