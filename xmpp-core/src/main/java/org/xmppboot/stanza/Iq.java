package org.xmppboot.stanza;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/** An {@code <iq/>} stanza (RFC 6120 §8.2.3): a request that gets exactly one response. */
public class Iq extends StanzaBase {

    public enum Type {
        GET, SET, RESULT, ERROR;

        private final String value = name().toLowerCase(Locale.ROOT);

        public String value() {
            return value;
        }

        public boolean isRequest() {
            return this == GET || this == SET;
        }
    }

    public static final Schema<Iq> SCHEMA = commonInterfaces(Schema.builder("iq", null, Iq::new))
            .custom("query",
                    iq -> iq.getQueryNamespace(),
                    (iq, v) -> iq.setQuery(v == null ? null : v.toString()),
                    iq -> iq.setQuery(null))
            .build();

    static {
        SCHEMA.registerExtension(StanzaError.SCHEMA);
    }

    public Iq(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Iq> schema() {
        return SCHEMA;
    }

    /** The type, or null if missing or unknown (which makes the iq invalid, RFC 6120 §8.2.3). */
    public @Nullable Type getIqType() {
        String type = getType();
        if (type != null) {
            for (Type t : Type.values()) {
                if (t.value().equals(type)) {
                    return t;
                }
            }
        }
        return null;
    }

    public Iq setType(Type type) {
        setType(type.value());
        return this;
    }

    /** The payload: the first child element that is not {@code <error/>}. */
    public @Nullable XmlElement getPayload() {
        for (XmlElement child : xml.elements()) {
            if (!child.is("error", xml.namespace())) {
                return child;
            }
        }
        return null;
    }

    /** Replaces the payload. */
    public Iq setPayload(@Nullable XmlElement payload) {
        XmlElement current = getPayload();
        if (current != null) {
            xml.removeChild(current);
        }
        if (payload != null) {
            xml.addChild(payload);
        }
        return this;
    }

    /** The namespace of the payload, or null. */
    public @Nullable String getQueryNamespace() {
        XmlElement payload = getPayload();
        return payload == null ? null : payload.namespace();
    }

    /** Sets an empty {@code <query xmlns='namespace'/>} payload, the usual shape of a request. */
    public Iq setQuery(@Nullable String namespace) {
        return setPayload(namespace == null ? null : new XmlElement("query", namespace));
    }

    /** A {@code result} to this request: addressed back, same id, no payload. */
    @Override
    public Iq reply() {
        Iq reply = (Iq) super.reply();
        reply.setType(Type.RESULT);
        return reply;
    }

    @Override
    public Iq error(StanzaError.Condition condition, @Nullable String text) {
        return (Iq) super.error(condition, text);
    }

    @Override
    public Iq copy() {
        return (Iq) super.copy();
    }

    /**
     * Sends a get or set; the future completes with the result, fails with a {@link StanzaErrorException}
     * carrying the error, or with an {@link IqTimeoutException} after the stream's default timeout. A response
     * completes it on the event thread (where chained callbacks then run, as handlers do), a timeout on a thread
     * of its own. Do not block on it, or on anything chained from it, in a non-threaded handler: that thread
     * delivers the response, so {@code get()}/{@code join()} there fail at once with an
     * {@link IllegalStateException}; chain the work with {@code thenAccept}/{@code thenCompose} instead.
     */
    public CompletableFuture<Iq> send() {
        return requireSender().sendIq(this, null);
    }

    /** {@link #send()} with its own timeout. */
    public CompletableFuture<Iq> send(Duration timeout) {
        return requireSender().sendIq(this, timeout);
    }

    /** Sends a result or error (which expects no response). */
    public void sendResponse() {
        Type type = getIqType();
        if (type == null || type.isRequest()) {
            throw new IllegalStateException("sendResponse() is for result and error; use send() for " + type);
        }
        requireSender().send(this);
    }
}
