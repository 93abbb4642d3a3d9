package org.xmppboot.features;

import java.util.Set;

import org.xmppboot.xml.XmlElement;

/**
 * One stream feature (RFC 6120 §4.3.2): something the server advertises in {@code <stream:features/>} that the
 * client negotiates before the session (or, like stream management, right after binding). Features run in
 * {@link #order()}; each looks at the advertised features and either skips, completes at once, or starts an
 * exchange and reports back through the {@link Negotiation} when it is over.
 *
 * <p>Called on the read thread only, one call at a time; an implementation keeps the state of the current
 * connection and forgets it in {@link #reset()}.
 */
public interface StreamFeature {

    /** What {@link #negotiate} did. */
    enum Outcome {
        /** Not offered, not needed, or already done on this connection: go on with the next feature. */
        SKIPPED,
        /** Done without waiting for the server: go on with the next feature. */
        DONE,
        /**
         * An exchange is under way: nothing more happens until the feature calls {@link Negotiation#proceed()},
         * restarts the stream, or fails.
         */
        PENDING
    }

    /** A short name for logs and for replacing a built-in feature: {@code starttls}, {@code sasl}, ... */
    String name();

    /**
     * Where it runs among the features: lower first. The built-in ones use 100 (TLS), 200 (SASL), 250 (stream
     * management resumption), 300 (bind), 400 (session), 500 (roster) and 600 (enabling stream management).
     */
    int order();

    /**
     * The namespaces of the top-level elements this feature exchanges with the server ({@code <proceed/>},
     * {@code <challenge/>}, ...): they are let through before the session and given to {@link #receive}.
     * Features that use iqs need none (the default): their answers arrive through {@link Negotiation#sendIq}.
     */
    default Set<String> namespaces() {
        return Set.of();
    }

    /** A new connection begins: forget everything about the previous one. Stateless features need nothing. */
    default void reset() {
    }

    /** Looks at the advertised features and acts on them. */
    Outcome negotiate(XmlElement features, Negotiation negotiation);

    /** A top-level element in one of {@link #namespaces()}. */
    default void receive(XmlElement element, Negotiation negotiation) {
        negotiation.fail("Unexpected <" + element.name() + "/> from the server during negotiation", null);
    }
}
