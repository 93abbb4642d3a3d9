package org.xmppboot.stream;

import java.io.Closeable;
import java.io.IOException;

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

    /** Where it is connected, for logs and health details (never credentials). */
    String describe();

    @Override
    void close();
}
