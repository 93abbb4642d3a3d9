package org.xmppboot.sm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.features.Negotiation;
import org.xmppboot.jid.Jid;
import org.xmppboot.stream.InboundTracker;
import org.xmppboot.stream.OutboundTracker;
import org.xmppboot.xml.XmlElement;

/**
 * Stream management (XEP-0198, {@code urn:xmpp:sm:3}) for one client, across its connections: the session that
 * can be resumed, and the counts and unacknowledged stanzas of the current connection (kept by its
 * {@linkplain #inboundTracker() trackers}). One object serves the {@link ResumeFeature} and the
 * {@link EnableFeature}.
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
 * <p>Thread-safe. Negotiation runs on the read thread; this object's lock is held briefly, never while writing,
 * and may be held while taking the tracker's (never the other way round).
 */
public final class StreamManagement {

    /** Raised with the {@code List<XmlElement>} of stanzas sent again into a new session. */
    public static final String RESEND_EVENT = "sm_resend";
    /** Raised with the error condition (or a reason) when a lost session could not be resumed. */
    public static final String RESUMPTION_FAILED_EVENT = "session_resumption_failed";

    private static final Logger log = LoggerFactory.getLogger(StreamManagement.class);

    private enum Exchange { NONE, ENABLE, RESUME }

    private final StreamManagementConfig config;
    private final ManagedClient client;
    private final String contentNamespace;
    final AckTracker acks;

    // Guarded by this.
    /** Stanzas of a session that could not be resumed, to send again into the next one. */
    private final List<byte[]> carried = new ArrayList<>();
    private Exchange pending = Exchange.NONE;
    private @Nullable String resumptionId;
    private @Nullable Duration resumptionTimeout;
    private @Nullable Jid jid;
    private long resent;

    /** @param contentNamespace the stream's content namespace: the stanzas counted are in it */
    public StreamManagement(StreamManagementConfig config, ManagedClient client, String contentNamespace) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.contentNamespace = Objects.requireNonNull(contentNamespace, "contentNamespace");
        this.acks = new AckTracker(config, client, contentNamespace);
    }

    public StreamManagementConfig config() {
        return config;
    }

    /** What the stream shows every received element first ({@code XMLStream.trackInbound}). */
    public InboundTracker inboundTracker() {
        return acks;
    }

    /** What the stream shows every stanza it hands to the connection ({@code XMLStream.trackOutbound}). */
    public OutboundTracker outboundTracker() {
        return acks;
    }

    // =================================================================== what observers read

    /** Stanzas sent that the server has not acknowledged: waiting for an ack, or to be sent again. */
    public synchronized int unackedCount() {
        return acks.unacked() + carried.size();
    }

    /** How many stanzas have been sent again, after resumptions and into new sessions, since this client began. */
    public synchronized long resentTotal() {
        return resent;
    }

    /** Whether stream management is on over the current connection. */
    public boolean isEnabled() {
        return acks.isOn();
    }

    /** Whether the session could be resumed if the connection were lost now. */
    public synchronized boolean isResumable() {
        return resumptionId != null;
    }

    /** Our outbound count: stanzas sent in this stream management session, mod 2^32. */
    public long sentCount() {
        return acks.sent();
    }

    /** The server's count of our stanzas, as of its last {@code <a/>} (or {@code <resumed/>}). */
    public long ackedCount() {
        return acks.acked();
    }

    /** Our inbound count: stanzas received in this stream management session, mod 2^32. */
    public long receivedCount() {
        return acks.receivedCount();
    }

    /** How long the server keeps a lost session resumable, as it said ({@code max}), or null if it did not say. */
    public synchronized @Nullable Duration resumptionTimeout() {
        return resumptionTimeout;
    }

    /** Asks the server for its count now ({@code <r/>}); its answer drops what it acknowledges. */
    public void requestAck() {
        acks.requestAck();
    }

    // =================================================================== negotiation (read thread)

    /** A new connection: nothing is counted on it until enabled or resumed; the session state stays. */
    synchronized void connectionStarting() {
        pending = Exchange.NONE;
        acks.connectionStarting();
    }

    synchronized boolean canResume() {
        return resumptionId != null && jid != null;
    }

    void startResume(Negotiation negotiation) {
        XmlElement resume;
        synchronized (this) {
            pending = Exchange.RESUME;
            resume = SmElements.resume(acks.receivedForResumption(), Objects.requireNonNull(resumptionId));
        }
        negotiation.send(resume);
    }

    /** The lost session cannot be resumed over this connection (the server no longer offers it). */
    void resumptionImpossible(String reason) {
        synchronized (this) {
            endSession(SmElements.NO_H);
        }
        log.info("[{}] the session cannot be resumed: {}", client.name(), reason);
        client.event(RESUMPTION_FAILED_EVENT, reason);
    }

    void startEnable(Negotiation negotiation) {
        synchronized (this) {
            endSession(SmElements.NO_H);
            // Stanzas are held until the session starts, and negotiation runs on this thread: nothing else can
            // hand a stanza to this connection between the count's reset and <enable/> going out.
            acks.enableSent();
            pending = Exchange.ENABLE;
        }
        negotiation.send(SmElements.enable(config.maxResumption()));
    }

    /** The new session goes on without stream management: what a lost one left unacknowledged goes out anyway. */
    void withoutStreamManagement() {
        synchronized (this) {
            endSession(SmElements.NO_H);
        }
        flushCarried(false);
    }

    /** A stream management element in negotiation: the answer to {@code <enable/>} or {@code <resume/>}. */
    void receive(XmlElement element, Negotiation negotiation) {
        Exchange exchange;
        synchronized (this) {
            exchange = pending;
            pending = Exchange.NONE;
        }
        String name = element.name();
        if (exchange == Exchange.ENABLE && name.equals("enabled")) {
            enabled(element, negotiation);
        } else if (exchange == Exchange.ENABLE && name.equals("failed")) {
            enableFailed(element, negotiation);
        } else if (exchange == Exchange.RESUME && name.equals("resumed")) {
            resumed(element, negotiation);
        } else if (exchange == Exchange.RESUME && name.equals("failed")) {
            resumptionFailed(element, negotiation);
        } else {
            synchronized (this) {
                pending = exchange;
            }
            log.debug("[{}] <{} xmlns='{}'/> ignored", client.name(), name, SmElements.NAMESPACE);
        }
    }

    private void enabled(XmlElement enabled, Negotiation negotiation) {
        String id = enabled.attribute("id");
        boolean resumable = SmElements.isTrue(enabled, "resume") && id != null && !id.isEmpty();
        long max = parseSeconds(enabled.attribute("max"));
        synchronized (this) {
            acks.enabledReceived();
            jid = client.boundJid();
            resumptionId = resumable ? id : null;
            resumptionTimeout = max > 0 ? Duration.ofSeconds(max) : null;
        }
        log.info("[{}] stream management enabled, {}", client.name(),
                !resumable ? "without resumption" : max > 0 ? "resumable for " + max + " s" : "resumable");
        flushCarried(true);
        negotiation.proceed();
    }

    private void enableFailed(XmlElement failed, Negotiation negotiation) {
        acks.stop();
        log.warn("[{}] the server refused to enable stream management: {}", client.name(),
                SmElements.condition(failed));
        flushCarried(false);
        negotiation.proceed();
    }

    private void resumed(XmlElement resumedElement, Negotiation negotiation) {
        long h = SmElements.h(resumedElement);
        List<byte[]> rest;
        Jid as;
        synchronized (this) {
            as = jid;
            rest = as == null ? null : acks.resumed(h);
            if (rest == null) {
                endSession(SmElements.NO_H);
            } else {
                resent += rest.size();
            }
        }
        if (rest == null || as == null) {
            client.failStream("XEP-0198 §5: <resumed h='" + resumedElement.attribute("h") + "'/> acknowledges "
                    + "more than was sent");
            return;
        }
        if (!rest.isEmpty()) {
            client.resend(rest);
        }
        log.info("[{}] session resumed as {}; the server had handled {} of our stanzas, {} sent again",
                client.name(), as, h, rest.size());
        negotiation.resumed(as);
        negotiation.proceed();
        if (!rest.isEmpty()) {
            acks.requestAck();
        }
    }

    private void resumptionFailed(XmlElement failed, Negotiation negotiation) {
        String condition = SmElements.condition(failed);
        synchronized (this) {
            // The h a server may put on <failed/> still tells what it handled: those need not go out again.
            endSession(SmElements.h(failed));
        }
        log.info("[{}] the session could not be resumed ({}); binding a new one", client.name(), condition);
        client.event(RESUMPTION_FAILED_EVENT, condition);
        negotiation.proceed(); // XEP-0198 §5: the server lets us bind on this stream
    }

    /** Forgets the lost session; what it left unacknowledged (beyond {@code h}) waits to go into the next one. */
    private void endSession(long h) {
        carried.addAll(acks.end(h));
        resumptionId = null;
        resumptionTimeout = null;
        jid = null;
    }

    /** Sends again, into a new session, what a lost one left unacknowledged: counted, if stream management is on. */
    private void flushCarried(boolean count) {
        List<byte[]> stanzas;
        synchronized (this) {
            if (carried.isEmpty()) {
                return;
            }
            stanzas = new ArrayList<>(carried);
            carried.clear();
            resent += stanzas.size();
            if (count) {
                acks.sentAgain(stanzas);
            }
        }
        client.resend(stanzas);
        log.info("[{}] {} stanzas the lost session left unacknowledged sent again", client.name(), stanzas.size());
        client.event(RESEND_EVENT, parse(stanzas));
        if (count) {
            acks.requestAck();
        }
    }

    // =================================================================== closing

    /**
     * A clean disconnect: tells the server our count and asks for its own (the answer arrives before its closing
     * tag), and forgets the session, which a closed stream ends anyway.
     */
    public void closing() {
        synchronized (this) {
            resumptionId = null;
            jid = null;
        }
        acks.closing();
    }

    /** The stream has ended for good: says what the server never confirmed. */
    public void streamClosed() {
        int unconfirmed = unackedCount();
        if (unconfirmed > 0) {
            log.warn("[{}] the server never acknowledged the last {} stanzas sent; they may not have been delivered",
                    client.name(), unconfirmed);
        }
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
