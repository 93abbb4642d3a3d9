package org.xmppboot.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What a hostile server sends at the chosen stage, and how: the bytes, whether their last part repeats without end,
 * how they are cut into writes, and what the server does afterwards.
 *
 * @param bytes what is sent first
 * @param endless sent after {@code bytes} again and again (up to a cap) until the client gives up on us
 * @param delivery how the bytes are cut into writes
 * @param after what the server does once it has sent them
 * @param underTls at the TLS handshake: complete it first, then write the bytes on the TCP socket under TLS
 *     (corrupting it); otherwise they go where the handshake should
 * @param refused whether the bytes are invalid whatever the stage: the client must answer them with a stream error
 *     (other than a timeout), unless the server closed the connection before it could be seen doing so
 * @param note a few words for a failure message
 */
record Payload(byte[] bytes, byte[] endless, Delivery delivery, After after, boolean underTls, boolean refused,
        String note) {

    /** How the bytes are written. */
    enum Delivery {
        /** One write. */
        WHOLE,
        /** Writes of random sizes, 1 byte to 8 KiB: every chunk boundary a parser can meet. */
        CHUNKED,
        /** A byte at a time with a pause between, for about a second; then the rest in one write. */
        DRIP
    }

    /** What the server does after the payload. */
    enum After {
        /** {@code </stream:stream>}, then it waits for the client to close. */
        CLOSE_STREAM,
        /** Closes the socket (under TLS: the TCP socket, with no close_notify). */
        CLOSE_TCP,
        /** Closes the socket with a reset (SO_LINGER 0). */
        RESET,
        /**
         * Shuts down its output only: the client reads end of input, the server still reads. (Under TLS, which
         * cannot half-close: close_notify, then the socket closes.)
         */
        HALF_CLOSE,
        /** Keeps the connection open and reads what comes, saying nothing more. */
        STALL,
        /** Keeps the connection open and reads nothing at all, so that the client's writes fill the TCP window. */
        STOP_READING
    }

    boolean isEndless() {
        return endless.length > 0;
    }

    /** A little builder for byte sequences mixing text and raw bytes. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes text(String s) {
            return text(s, StandardCharsets.UTF_8);
        }

        Bytes text(String s, Charset charset) {
            out.writeBytes(s.getBytes(charset));
            return this;
        }

        Bytes raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
