package org.xmppboot.stream.handler;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.matcher.Matcher;

/**
 * A callback for received stanzas that a {@link Matcher} accepts.
 *
 * <p>By default it runs on the stream's event thread, in arrival order, and must not block. An
 * {@linkplain #inStream() in-stream} handler runs on the read thread before the next byte is parsed: only the
 * stream's own negotiation (STARTTLS, SASL, stream restarts) needs that.
 *
 * <p>A message that claims to come from the connection's own address (its bound full JID) reaches a handler only
 * if it {@linkplain #acceptOwnMessages() accepts own messages}: a handler that answers what it receives would
 * otherwise answer itself, for ever, whenever a server or a spoofing peer reflects one.
 */
public final class StreamHandler {

    private final String name;
    private final Matcher matcher;
    private final Consumer<StanzaBase> callback;
    private final boolean once;
    private final boolean inStream;
    private final boolean acceptsOwnMessages;
    private final AtomicBoolean spent = new AtomicBoolean();

    private StreamHandler(String name, Matcher matcher, Consumer<StanzaBase> callback, boolean once,
            boolean inStream, boolean acceptsOwnMessages) {
        this.name = Objects.requireNonNull(name, "name");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.callback = Objects.requireNonNull(callback, "callback");
        this.once = once;
        this.inStream = inStream;
        this.acceptsOwnMessages = acceptsOwnMessages;
    }

    /** A handler that runs for every match, on the event thread. */
    public static StreamHandler of(String name, Matcher matcher, Consumer<StanzaBase> callback) {
        return new StreamHandler(name, matcher, callback, false, false, false);
    }

    /** A copy that is removed after its first match. */
    public StreamHandler once() {
        return new StreamHandler(name, matcher, callback, true, inStream, acceptsOwnMessages);
    }

    /** A copy that runs on the read thread, before any later byte is parsed. */
    public StreamHandler inStream() {
        return new StreamHandler(name, matcher, callback, once, true, acceptsOwnMessages);
    }

    /** A copy that also sees messages from the connection's own address (see the class comment). */
    public StreamHandler acceptOwnMessages() {
        return new StreamHandler(name, matcher, callback, once, inStream, true);
    }

    public String name() {
        return name;
    }

    public Matcher matcher() {
        return matcher;
    }

    public boolean isOnce() {
        return once;
    }

    public boolean isInStream() {
        return inStream;
    }

    public boolean acceptsOwnMessages() {
        return acceptsOwnMessages;
    }

    /** For a once-handler, claims its single run; false if it already ran (or is about to). */
    public boolean claim() {
        return !once || spent.compareAndSet(false, true);
    }

    public void run(StanzaBase stanza) {
        callback.accept(stanza);
    }

    @Override
    public String toString() {
        return "StreamHandler[" + name + ", " + matcher + "]";
    }
}
