package org.xmppboot.sm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound side of XEP-0198 §4: how many stanzas we sent, how many the peer says it handled, and the bytes of
 * those in between, oldest first, to send again after a resumption. Counts are xs:unsignedInt and wrap from
 * 2^32-1 to 0, which Java's {@code int} arithmetic does by itself; only comparisons and text need to read them
 * as unsigned. Not thread-safe: {@link StreamManagement} guards it.
 */
final class AckQueue {

    private final ArrayDeque<byte[]> unacked = new ArrayDeque<>();
    /** The h of the last stanza sent: how many were sent, mod 2^32. */
    private int sent;
    /** The h the peer last acknowledged. */
    private int acked;

    /** A new count (XEP-0198 §4: zero when {@code <enable/>} is sent), with the count so far starting at {@code h}. */
    void restartAt(int h) {
        unacked.clear();
        sent = h;
        acked = h;
    }

    void add(byte[] stanza) {
        unacked.add(stanza);
        sent++;
    }

    /**
     * The peer handled everything up to {@code h}: drops what it covers.
     *
     * @return how many were dropped, or -1 when {@code h} acknowledges stanzas never sent (or goes back before an
     *     earlier ack, which looks the same modulo 2^32): then nothing changes
     */
    int ack(int h) {
        long newly = Integer.toUnsignedLong(h - acked);
        if (newly > unacked.size()) {
            return -1;
        }
        for (long i = 0; i < newly; i++) {
            unacked.poll();
        }
        acked = h;
        return (int) newly;
    }

    /** The unacknowledged stanzas, oldest first, still kept. */
    List<byte[]> unacked() {
        return new ArrayList<>(unacked);
    }

    /** Takes every unacknowledged stanza out, oldest first; the counts stay. */
    List<byte[]> drain() {
        List<byte[]> all = new ArrayList<>(unacked);
        unacked.clear();
        acked = sent;
        return all;
    }

    int size() {
        return unacked.size();
    }

    int sent() {
        return sent;
    }

    int acked() {
        return acked;
    }

    /** How many were sent after the one whose h was {@code h}. */
    long sentSince(int h) {
        return Integer.toUnsignedLong(sent - h);
    }
}
