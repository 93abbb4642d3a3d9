package org.xmppboot.sm;

import java.util.Objects;
import java.util.Set;

import org.xmppboot.features.Negotiation;
import org.xmppboot.features.StreamFeature;
import org.xmppboot.xml.XmlElement;

/**
 * Resumes a lost stream management session (XEP-0198 §5): after authentication and instead of binding, when there
 * is a session to resume. It runs between SASL (200) and bind (300); once resumed, binding and the rest of the
 * session set-up see {@link Negotiation#isBound()} and {@link Negotiation#isResumed()} and skip. When resumption
 * fails, negotiation goes on with binding a new session on the same stream.
 *
 * <p>It shares its {@link StreamManagement} with the {@link EnableFeature}, and takes every stream management
 * element of the negotiation for it (both features declare the namespace; the first in order receives it).
 */
public final class ResumeFeature implements StreamFeature {

    public static final String NAME = "sm-resume";
    public static final int ORDER = 250;

    private final StreamManagement sm;

    public ResumeFeature(StreamManagement sm) {
        this.sm = Objects.requireNonNull(sm, "sm");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Set<String> namespaces() {
        return Set.of(SmElements.NAMESPACE);
    }

    @Override
    public void reset() {
        sm.connectionStarting();
    }

    @Override
    public Outcome negotiate(XmlElement features, Negotiation negotiation) {
        if (!negotiation.isAuthenticated() || negotiation.isBound() || !sm.canResume()) {
            return Outcome.SKIPPED;
        }
        if (!SmElements.offered(features)) {
            sm.resumptionImpossible("the server no longer offers stream management");
            return Outcome.SKIPPED;
        }
        sm.startResume(negotiation);
        return Outcome.PENDING;
    }

    @Override
    public void receive(XmlElement element, Negotiation negotiation) {
        sm.receive(element, negotiation);
    }
}
