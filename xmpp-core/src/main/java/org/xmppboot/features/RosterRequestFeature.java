package org.xmppboot.features;

import java.util.function.Consumer;
import java.util.function.Function;

import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/**
 * The roster get right after binding, before initial presence (RFC 6121 §2.2), as the last step of the session
 * set-up. Not a stream feature the server advertises, but negotiated the same way; it reads roster versioning
 * (§2.6.1, {@code <ver xmlns='urn:xmpp:features:rosterver'/>}) from the advertised features. The client installs a
 * plain one; {@link org.xmppboot.roster.Roster} replaces it with one that sends its cached version and applies the
 * result.
 */
public final class RosterRequestFeature implements StreamFeature {

    public static final String NAME = "roster";
    public static final String VERSIONING_NAMESPACE = "urn:xmpp:features:rosterver";

    private final Function<Boolean, XmlElement> request;
    private final Consumer<Iq> onResult;

    /**
     * @param request builds the query, given whether the server offers roster versioning
     * @param onResult takes the result, on the read thread, before the session starts
     */
    public RosterRequestFeature(Function<Boolean, XmlElement> request, Consumer<Iq> onResult) {
        this.request = request;
        this.onResult = onResult;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public Outcome negotiate(XmlElement features, Negotiation negotiation) {
        // XEP-0198 §5: a resumed session gets the roster pushes it missed; it does not ask again.
        if (!negotiation.isBound() || negotiation.isResumed()) {
            return Outcome.SKIPPED;
        }
        boolean versioning = features.element("ver", VERSIONING_NAMESPACE) != null;
        negotiation.sendIq(NAME, Iq.Type.GET, request.apply(versioning), result -> {
            onResult.accept(result);
            negotiation.proceed();
        });
        return Outcome.PENDING;
    }
}
