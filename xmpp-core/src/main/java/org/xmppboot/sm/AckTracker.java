package org.xmppboot.sm;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.InboundTracker;
import org.xmppboot.stream.OutboundTracker;
import org.xmppboot.xml.XmlElement;

/**
 * The counting half of stream management, on the current connection: the stream's {@link InboundTracker} and
 * {@link OutboundTracker}. It counts the stanzas received (read thread) and sent (whichever thread sends), keeps
 * the unacknowledged ones, answers the server's {@code <r/>} at once, takes its {@code <a/>}, and asks for acks
 * ({@link AckRequests}). {@link StreamManagement} starts and stops the counting as negotiation goes.
 *
 * <p>Counting outbound starts when {@code <enable/>} goes out, inbound when {@code <enabled/>} arrives (XEP-0198
 * §4); both go on across a resumption. Stanzas written during negotiation are shown to the tracker like any other,
 * so the initial presence, written after {@code <enable/>}, is counted as the server counts it.
 *
 * <p>Thread-safe: its own lock, held briefly, never while writing. An ack is written straight onto the connection's
 * write queue, which never waits: the read thread never waits for the sending side.
 */
final class AckTracker implements InboundTracker, OutboundTracker {

    private static final Logger log = LoggerFactory.getLogger(StreamManagement.class);

    private final StreamManagementConfig config;
    private final ManagedClient client;
    private final String contentNamespace;

    // Guarded by this.
    private final AckQueue queue = new AckQueue();
    private final AckRequests requests;
    private int received;
    private boolean counting;
    private boolean tracking;
    private boolean overflowed;
    /** An ack request is due right behind the stanza being handed off (set and read under the stream's lock). */
    private volatile boolean requestBehind;
    /** Counting has been on at least once: from then on, a connection that ended delivers nothing. */
    private volatile boolean managed;

    AckTracker(StreamManagementConfig config, ManagedClient client, String contentNamespace) {
        this.config = config;
        this.client = client;
        this.contentNamespace = contentNamespace;
        this.requests = new AckRequests(config, client.scheduler(), this::timedRequest);
    }

    // =================================================================== driven by negotiation (read thread)

    /** A new connection: nothing is counted on it until stream management is enabled or resumed. */
    synchronized void connectionStarting() {
        counting = false;
        tracking = false;
        requestBehind = false;
        overflowed = false;
        requests.restartAt(queue.sent());
    }

    /** {@code <enable/>} goes out now: our count starts at zero (§4). */
    synchronized void enableSent() {
        queue.restartAt(0);
        requests.restartAt(0);
        tracking = true;
    }

    /** {@code <enabled/>} came: the server's count of what it sends starts here (§4). */
    synchronized void enabledReceived() {
        received = 0;
        counting = true;
        managed = true;
    }

    /** The server refused to enable: nothing is counted. */
    synchronized void stop() {
        counting = false;
        tracking = false;
    }

    /**
     * Our inbound count for {@code <resume h/>}, read under the lock a late read thread of the lost connection
     * counts under: every stanza it delivered is in it, and it delivers nothing after.
     */
    synchronized int receivedForResumption() {
        return received;
    }

    /**
     * {@code <resumed h/>}: drops what the server handled and goes on counting from where both sides were.
     *
     * @return what the server did not handle, oldest first, to send again; null when {@code h} acknowledges stanzas
     *     never sent
     */
    synchronized @Nullable List<byte[]> resumed(long h) {
        if (h == SmElements.NO_H || queue.ack((int) h) < 0) {
            return null;
        }
        counting = true;
        tracking = true;
        requests.restartAt(queue.acked());
        return queue.unacked();
    }

    /**
     * The session is over (not resumable, or resumption refused): drops what {@code h} covers, if the server said
     * ({@code <failed h/>}), stops counting, and hands over the rest.
     */
    synchronized List<byte[]> end(long h) {
        if (h != SmElements.NO_H) {
            queue.ack((int) h);
        }
        counting = false;
        tracking = false;
        return queue.drain();
    }

    /** Stanzas of a lost session sent again into this one: counted as new ones, if counting. */
    synchronized void sentAgain(List<byte[]> stanzas) {
        if (tracking) {
            stanzas.forEach(queue::add);
        }
    }

    synchronized boolean isOn() {
        return counting || tracking;
    }

    synchronized int unacked() {
        return queue.size();
    }

    synchronized long sent() {
        return Integer.toUnsignedLong(queue.sent());
    }

    synchronized long acked() {
        return Integer.toUnsignedLong(queue.acked());
    }

    synchronized long receivedCount() {
        return Integer.toUnsignedLong(received);
    }

    /** Starts both counts at these values, as if that many stanzas had gone each way: for tests of the wrap. */
    synchronized void startCountsAt(int inbound, int outbound) {
        received = inbound;
        queue.restartAt(outbound);
        requests.restartAt(outbound);
    }

    // =================================================================== inbound (read thread)

    @Override
    public boolean received(XmlElement element, Source source) {
        String namespace = element.namespace();
        if (namespace.equals(contentNamespace)) {
            if (managed && isStanza(element.name())) {
                synchronized (this) {
                    if (source.isEnded()) {
                        log.debug("[{}] <{}/> read after the connection ended: dropped, the server will send it "
                                + "again", client.name(), element.name());
                        return true;
                    }
                    if (counting) {
                        received++;
                    }
                }
            }
            return false;
        }
        if (!namespace.equals(SmElements.NAMESPACE)) {
            return false;
        }
        switch (element.name()) {
            case "r" -> answer(source);
            case "a" -> acknowledged(element, source);
            default -> {
                return false; // negotiation: the features take it
            }
        }
        return true;
    }

    private static boolean isStanza(String name) {
        return name.equals("message") || name.equals("presence") || name.equals("iq");
    }

    private void answer(Source source) {
        int h;
        synchronized (this) {
            if (source.isEnded() || !counting) {
                return;
            }
            h = received;
        }
        write(SmElements.ack(h));
    }

    private void acknowledged(XmlElement a, Source source) {
        long h = SmElements.h(a);
        boolean request = false;
        String tooHigh = null;
        synchronized (this) {
            if (source.isEnded() || !tracking) {
                return;
            }
            if (h == SmElements.NO_H || queue.ack((int) h) < 0) {
                tooHigh = "XEP-0198 §4: the server acknowledged h='" + a.attribute("h") + "', but "
                        + Integer.toUnsignedString(queue.sent()) + " stanzas were sent";
            } else {
                request = requests.afterAck(queue);
            }
        }
        if (tooHigh != null) {
            log.warn("[{}] {}", client.name(), tooHigh);
            client.failStream(tooHigh);
        } else if (request) {
            write(SmElements.request());
        }
    }

    // =================================================================== outbound (senders, scheduler)

    @Override
    public void handedOff(StanzaBase stanza, byte[] bytes) {
        boolean overflow = false;
        int unacked;
        synchronized (this) {
            if (!tracking) {
                return;
            }
            queue.add(bytes);
            unacked = queue.size();
            requestBehind = requests.afterSent(queue);
            if (unacked >= config.maxUnacked() && !overflowed) {
                overflowed = true;
                overflow = true;
            }
        }
        if (overflow) {
            String reason = "XEP-0198: the server has acknowledged none of the last " + unacked + " stanzas sent ("
                    + "the bound is " + config.maxUnacked() + "); ending the connection to resume";
            log.warn("[{}] {}", client.name(), reason);
            // Not from here: the stream's hand-off lock is held, and this stanza is not on the connection yet.
            client.scheduler().schedule(() -> client.abort(reason), Duration.ZERO);
        }
    }

    /** The ack request {@link #handedOff} found due, written right behind the stanza that made it due. */
    @Override
    public @Nullable XmlElement afterHandOff() {
        if (!requestBehind) {
            return null;
        }
        requestBehind = false;
        return SmElements.request();
    }

    /** Asks the server for its count now. */
    void requestAck() {
        synchronized (this) {
            if (!tracking) {
                return;
            }
            requests.asking(queue);
        }
        write(SmElements.request());
    }

    private void timedRequest() {
        synchronized (this) {
            if (!requests.timerFired(queue) || !tracking) {
                return;
            }
        }
        write(SmElements.request());
    }

    /** A clean close: our count, and a request for the server's, ahead of the closing tag. */
    void closing() {
        int h;
        boolean on;
        synchronized (this) {
            on = counting;
            h = received;
            requests.cancelTimer();
        }
        if (on) {
            write(SmElements.ack(h));
            write(SmElements.request());
        }
    }

    private void write(XmlElement element) {
        try {
            client.write(element);
        } catch (IllegalStateException e) {
            log.debug("[{}] <{}/> not sent: {}", client.name(), element.name(), e.getMessage());
        }
    }
}
