package org.xmppboot.sm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.features.Negotiation;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.InboundTracker;
import org.xmppboot.stream.OutboundTracker;
import org.xmppboot.stream.Scheduler;
import org.xmppboot.xml.XmlElement;

/**
 * Stream management (XEP-0198, {@code urn:xmpp:sm:3}) for one client, across its connections: the counts of
 * stanzas handled both ways, the stanzas the server has not acknowledged yet, and what is needed to resume the
 * session over a new connection. One object serves the {@link ResumeFeature} and the {@link EnableFeature}, and is
 * the stream's {@link InboundTracker} and {@link OutboundTracker}.
 *
 * <p><b>Counting.</b> Outbound, every stanza the stream hands to the connection after {@code <enable/>} went out
 * (§4: the sender of {@code <enable/>} counts from there), whether sent by the application or during negotiation
 * (the initial presence): the stream shows them all to the tracker. Inbound, on the read thread and before
 * anything else sees it, every message, presence and iq received after {@code <enabled/>}. The server's
 * {@code <r/>} is answered there and then, straight onto the connection's write queue, which is never bounded
 * and never waits for stanzas: an ack never waits for the sending side. Counts wrap at 2^32 (§4).
 *
 * <p><b>Acks we ask for.</b> {@code <r/>} once {@link StreamManagementConfig#ackEvery()} stanzas went out since the
 * last request and that one was answered, at the latest {@link StreamManagementConfig#ackInterval()} after a
 * stanza no request covers, and before a clean close. An {@code <a/>} drops what it covers; one that covers more
 * than was sent ends the stream with {@code undefined-condition} (§4). At
 * {@link StreamManagementConfig#maxUnacked()} unacknowledged stanzas the connection is ended as if the network
 * had failed: a server that reads but never acknowledges would otherwise grow the queue without bound, or force
 * us to forget stanzas we promised to re-send. The resumption that follows makes the server state its count
 * ({@code <resumed h/>}), and what it did not handle goes out again.
 *
 * <p><b>Resumption (§5).</b> After a lost connection the next one sends {@code <resume/>} after authentication
 * instead of binding. On {@code <resumed/>} the stanzas the server did not handle are re-sent, exactly and in
 * order, ahead of what the application sent meanwhile, and the session goes on under the same JID (the client
 * raises {@code session_resumed}). On {@code <failed/>} (its {@code h}, if any, acknowledges first) a new session
 * is bound, stream management enabled again, and then the stanzas still unacknowledged are sent again into it, as
 * new stanzas, raising {@value #RESEND_EVENT} with their list: they may reach their recipients twice, never not at
 * all. The same happens when the lost session was not resumable. A stanza received on a connection that has
 * already ended is neither counted nor delivered: the server sends it again on resumption, so no handler sees a
 * stanza twice. The state lives in memory only; {@link #closing()} (a clean disconnect) forgets it.
 *
 * <p>Client streams only: a component (XEP-0114) negotiates no stream features, so none of this applies to it.
 *
 * <p>Thread-safe: counting runs on the read thread and on whatever thread sends, requests on the scheduler;
 * everything here holds this object's lock briefly and never while calling out to the stream.
 */
public final class StreamManagement implements InboundTracker, OutboundTracker {

    /** Raised with the {@code List<XmlElement>} of stanzas sent again into a new session. */
    public static final String RESEND_EVENT = "sm_resend";
    /** Raised with the error condition (or a reason) when a lost session could not be resumed. */
    public static final String RESUMPTION_FAILED_EVENT = "session_resumption_failed";

    private static final Logger log = LoggerFactory.getLogger(StreamManagement.class);

    /** What stream management needs of the client it works for. */
    public interface Link {

        /** The connection's name, for logs. */
        String name();

        /** The full JID bound on the current connection, or null. */
        @Nullable Jid boundJid();

        /** Writes an element now, straight to the connection; fails with {@link IllegalStateException} without one. */
        void write(XmlElement element);

        /** Writes stanzas sent before, byte for byte, ahead of held stanzas and without counting them again. */
        void resend(List<byte[]> stanzas);

        /** Ends the stream with an {@code undefined-condition} stream error. */
        void failStream(String text);

        /** Ends the connection as a network failure would, so that the session can be resumed. */
        void abort(String reason);

        /** Raises an event on the client. */
        void event(String name, @Nullable Object data);

        Scheduler scheduler();
    }

    private enum Exchange { NONE, ENABLE, RESUME }

    private final StreamManagementConfig config;
    private final Link link;
    private final String contentNamespace;

    // Guarded by this.
    private final AckQueue queue = new AckQueue();
    /** Stanzas of a session that could not be resumed, to send again into the next one. */
    private final List<byte[]> carried = new ArrayList<>();
    private int received;
    private boolean counting;
    private boolean tracking;
    private Exchange pending = Exchange.NONE;
    private @Nullable String resumptionId;
    private @Nullable Duration resumptionTimeout;
    private @Nullable Jid jid;
    private int requestedAt;
    private boolean awaitingAck;
    /** An ack request is due right behind the stanza being handed off (set and read under the stream's lock). */
    private volatile boolean requestBehind;
    private @Nullable ScheduledFuture<?> ackTimer;
    private boolean overflowed;
    private long resent;
    /** Stream management has been on at least once: from then on, a connection that ended delivers nothing. */
    private volatile boolean managed;

    /** @param contentNamespace the stream's content namespace: the stanzas counted are in it */
    public StreamManagement(StreamManagementConfig config, Link link, String contentNamespace) {
        this.config = Objects.requireNonNull(config, "config");
        this.link = Objects.requireNonNull(link, "link");
        this.contentNamespace = Objects.requireNonNull(contentNamespace, "contentNamespace");
    }

    public StreamManagementConfig config() {
        return config;
    }

    // =================================================================== what observers read

    /** Stanzas sent that the server has not acknowledged: waiting for an ack, or to be sent again. */
    public synchronized int unackedCount() {
        return queue.size() + carried.size();
    }

    /** How many stanzas have been sent again, after resumptions and into new sessions, since this client began. */
    public synchronized long resentTotal() {
        return resent;
    }

    /** Whether stream management is on over the current connection. */
    public synchronized boolean isEnabled() {
        return tracking || counting;
    }

    /** Whether the session could be resumed if the connection were lost now. */
    public synchronized boolean isResumable() {
        return resumptionId != null;
    }

    /** Our outbound count: stanzas sent in this stream management session, mod 2^32. */
    public synchronized long sentCount() {
        return Integer.toUnsignedLong(queue.sent());
    }

    /** The server's count of our stanzas, as of its last {@code <a/>} (or {@code <resumed/>}). */
    public synchronized long ackedCount() {
        return Integer.toUnsignedLong(queue.acked());
    }

    /** Our inbound count: stanzas received in this stream management session, mod 2^32. */
    public synchronized long receivedCount() {
        return Integer.toUnsignedLong(received);
    }

    /** How long the server keeps a lost session resumable, as it said ({@code max}), or null if it did not say. */
    public synchronized @Nullable Duration resumptionTimeout() {
        return resumptionTimeout;
    }

    // =================================================================== negotiation (read thread)

    /** A new connection: nothing is counted on it until enabled or resumed; the session state stays. */
    synchronized void connectionStarting() {
        counting = false;
        tracking = false;
        pending = Exchange.NONE;
        awaitingAck = false;
        requestBehind = false;
        overflowed = false;
        cancelAckTimer();
    }

    synchronized boolean canResume() {
        return resumptionId != null && jid != null;
    }

    void startResume(Negotiation negotiation) {
        XmlElement resume;
        synchronized (this) {
            pending = Exchange.RESUME;
            // Read under the lock a late read thread counts under: every stanza it delivered is in this h.
            resume = SmElements.resume(received, Objects.requireNonNull(resumptionId));
        }
        negotiation.send(resume);
    }

    /** The lost session cannot be resumed over this connection (the server no longer offers it). */
    void resumptionImpossible(String reason) {
        synchronized (this) {
            carryOver();
        }
        log.info("[{}] the session cannot be resumed: {}", link.name(), reason);
        link.event(RESUMPTION_FAILED_EVENT, reason);
    }

    void startEnable(Negotiation negotiation) {
        synchronized (this) {
            carryOver();
            // Stanzas are held until the session starts, and negotiation runs on this thread: nothing else can
            // hand a stanza to this connection between the reset and <enable/> going out.
            queue.restartAt(0);
            requestedAt = 0;
            tracking = true;
            pending = Exchange.ENABLE;
        }
        negotiation.send(SmElements.enable(config.maxResumption()));
    }

    /** The new session goes on without stream management: what a lost one left unacknowledged goes out anyway. */
    void withoutStreamManagement() {
        synchronized (this) {
            carryOver();
        }
        flushCarried(false);
    }

    /** A stream management element in negotiation: the answer to {@code <enable/>} or {@code <resume/>}. */
    void receive(XmlElement element, Negotiation negotiation) {
        Exchange exchange;
        synchronized (this) {
            exchange = pending;
        }
        switch (element.name()) {
            case "enabled" -> {
                if (exchange == Exchange.ENABLE) {
                    enabled(element, negotiation);
                    return;
                }
            }
            case "resumed" -> {
                if (exchange == Exchange.RESUME) {
                    resumed(element, negotiation);
                    return;
                }
            }
            case "failed" -> {
                if (exchange == Exchange.RESUME) {
                    resumptionFailed(element, negotiation);
                    return;
                }
                if (exchange == Exchange.ENABLE) {
                    enableFailed(element, negotiation);
                    return;
                }
            }
            default -> {
            }
        }
        log.debug("[{}] <{} xmlns='{}'/> ignored", link.name(), element.name(), SmElements.NAMESPACE);
    }

    private void enabled(XmlElement enabled, Negotiation negotiation) {
        String resumable;
        synchronized (this) {
            pending = Exchange.NONE;
            received = 0; // §4: the receiver of <enabled/> counts from here
            counting = true;
            managed = true;
            jid = link.boundJid();
            String id = enabled.attribute("id");
            resumptionId = SmElements.isTrue(enabled, "resume") && id != null && !id.isEmpty() ? id : null;
            long max = parseSeconds(enabled.attribute("max"));
            resumptionTimeout = max > 0 ? Duration.ofSeconds(max) : null;
            resumable = resumptionId == null ? "without resumption"
                    : max > 0 ? "resumable for " + max + " s" : "resumable";
        }
        log.info("[{}] stream management enabled, {}", link.name(), resumable);
        flushCarried(true);
        negotiation.proceed();
    }

    private void enableFailed(XmlElement failed, Negotiation negotiation) {
        synchronized (this) {
            pending = Exchange.NONE;
            tracking = false;
        }
        log.warn("[{}] the server refused to enable stream management: {}", link.name(), SmElements.condition(failed));
        flushCarried(false);
        negotiation.proceed();
    }

    private void resumed(XmlElement resumedElement, Negotiation negotiation) {
        long h = SmElements.h(resumedElement);
        List<byte[]> rest = null;
        Jid as;
        synchronized (this) {
            pending = Exchange.NONE;
            as = jid;
            if (h != SmElements.NO_H && queue.ack((int) h) >= 0 && as != null) {
                rest = queue.unacked();
                resent += rest.size();
                counting = true;
                tracking = true;
                requestedAt = queue.acked();
            } else {
                carryOver();
            }
        }
        if (rest == null) {
            link.failStream("XEP-0198 §5: <resumed h='" + resumedElement.attribute("h") + "'/> acknowledges more "
                    + "than was sent");
            return;
        }
        if (!rest.isEmpty()) {
            link.resend(rest);
        }
        log.info("[{}] session resumed as {}; the server had handled {} of our stanzas, {} sent again", link.name(),
                as, h, rest.size());
        negotiation.resumed(as);
        negotiation.proceed();
        if (!rest.isEmpty()) {
            requestAck();
        }
    }

    private void resumptionFailed(XmlElement failed, Negotiation negotiation) {
        long h = SmElements.h(failed);
        String condition = SmElements.condition(failed);
        synchronized (this) {
            pending = Exchange.NONE;
            // The h a server may put on <failed/> still tells what it handled: those need not go out again.
            if (h != SmElements.NO_H) {
                queue.ack((int) h);
            }
            carryOver();
        }
        log.info("[{}] the session could not be resumed ({}); binding a new one", link.name(), condition);
        link.event(RESUMPTION_FAILED_EVENT, condition);
        negotiation.proceed(); // XEP-0198 §5: the server lets us bind on this stream
    }

    /** Moves what the lost session left unacknowledged aside, to go into the next session; forgets the old one. */
    private void carryOver() {
        carried.addAll(queue.drain());
        resumptionId = null;
        resumptionTimeout = null;
        jid = null;
        counting = false;
        tracking = false;
    }

    /** Sends again, into a new session, what a lost one left unacknowledged. */
    private void flushCarried(boolean count) {
        List<byte[]> stanzas;
        synchronized (this) {
            if (carried.isEmpty()) {
                return;
            }
            stanzas = new ArrayList<>(carried);
            carried.clear();
            resent += stanzas.size();
            if (count && tracking) {
                stanzas.forEach(queue::add);
            }
        }
        link.resend(stanzas);
        log.info("[{}] {} stanzas the lost session left unacknowledged sent again", link.name(), stanzas.size());
        link.event(RESEND_EVENT, parse(stanzas));
        if (count) {
            requestAck();
        }
    }

    // =================================================================== counting (read thread, senders)

    @Override
    public boolean received(XmlElement element, Source source) {
        String namespace = element.namespace();
        if (namespace.equals(contentNamespace)) {
            if (managed && isStanza(element.name())) {
                synchronized (this) {
                    if (source.isEnded()) {
                        log.debug("[{}] <{}/> read after the connection ended: dropped, the server will send it "
                                + "again", link.name(), element.name());
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
                awaitingAck = false;
                request = queue.sentSince(requestedAt) >= config.ackEvery();
                if (!request && queue.size() > 0) {
                    armAckTimer();
                }
            }
        }
        if (tooHigh != null) {
            log.warn("[{}] {}", link.name(), tooHigh);
            link.failStream(tooHigh);
        } else if (request) {
            requestAck();
        }
    }

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
            if (!awaitingAck && queue.sentSince(requestedAt) >= config.ackEvery()) {
                requestedAt = queue.sent();
                awaitingAck = true;
                requestBehind = true;
            } else {
                armAckTimer();
            }
            if (unacked >= config.maxUnacked() && !overflowed) {
                overflowed = true;
                overflow = true;
            }
        }
        if (overflow) {
            String reason = "XEP-0198: the server has acknowledged none of the last " + unacked + " stanzas sent ("
                    + "the bound is " + config.maxUnacked() + "); ending the connection to resume";
            log.warn("[{}] {}", link.name(), reason);
            link.scheduler().schedule(() -> link.abort(reason), Duration.ZERO);
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

    /** Asks the server for its count now ({@code <r/>}); its answer drops what it acknowledges. */
    public void requestAck() {
        synchronized (this) {
            if (!tracking) {
                return;
            }
            requestedAt = queue.sent();
            awaitingAck = true;
        }
        write(SmElements.request());
    }

    private void armAckTimer() {
        if (ackTimer == null) {
            ackTimer = link.scheduler().schedule(this::timedRequest, config.ackInterval());
        }
    }

    private void cancelAckTimer() {
        ScheduledFuture<?> timer = ackTimer;
        if (timer != null) {
            timer.cancel(false);
            ackTimer = null;
        }
    }

    private void timedRequest() {
        synchronized (this) {
            ackTimer = null;
            if (!tracking || queue.sentSince(requestedAt) == 0) {
                return;
            }
        }
        requestAck();
    }

    private void write(XmlElement element) {
        try {
            link.write(element);
        } catch (IllegalStateException e) {
            log.debug("[{}] <{}/> not sent: {}", link.name(), element.name(), e.getMessage());
        }
    }

    // =================================================================== closing

    /**
     * A clean disconnect: tells the server our count and asks for its own (the answer arrives before its closing
     * tag), and forgets the session, which a closed stream ends anyway.
     */
    public void closing() {
        int h;
        boolean active;
        synchronized (this) {
            active = counting;
            h = received;
            resumptionId = null;
            jid = null;
            cancelAckTimer();
        }
        if (active) {
            write(SmElements.ack(h));
            write(SmElements.request());
        }
    }

    /** The stream has ended for good: says what the server never confirmed. */
    public void streamClosed() {
        int unconfirmed = unackedCount();
        if (unconfirmed > 0) {
            log.warn("[{}] the server never acknowledged the last {} stanzas sent; they may not have been delivered",
                    link.name(), unconfirmed);
        }
    }

    /** Starts both counts at these values, as if that many stanzas had gone each way: for tests of the wrap. */
    synchronized void startCountsAt(int inbound, int outbound) {
        received = inbound;
        queue.restartAt(outbound);
        requestedAt = outbound;
    }

    private static long parseSeconds(@Nullable String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The stanzas as elements, for the event: each was written as a child of the stream root. */
    private List<XmlElement> parse(List<byte[]> stanzas) {
        StringBuilder sb = new StringBuilder("<w xmlns='").append(contentNamespace).append("'>");
        stanzas.forEach(bytes -> sb.append(new String(bytes, StandardCharsets.UTF_8)));
        return XmlElement.parse(sb.append("</w>").toString()).elements();
    }
}
