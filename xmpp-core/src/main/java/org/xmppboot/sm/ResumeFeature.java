package org.xmppboot.sm;

import org.xmppboot.features.Negotiation;
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
public final class ResumeFeature extends SmFeature {

    public static final String NAME = "sm-resume";
    public static final int ORDER = 250;

    public ResumeFeature(StreamManagement sm) {
        super(sm, NAME, ORDER);
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
}
