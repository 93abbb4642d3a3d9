package org.xmppboot.sm;

import org.xmppboot.features.Negotiation;
import org.xmppboot.xml.XmlElement;

/**
 * Enables stream management (XEP-0198 §3) with resumption, as the last step of a new session's set-up: after
 * binding (the XEP requires it), the legacy session and the roster get, right before the session starts. Skipped
 * on a resumed session, where it is on already. With the stanzas of the set-up written before {@code <enable/>}
 * and the initial presence after it counted like any other, our count and the server's agree from the start.
 *
 * <p>It shares its {@link StreamManagement} with the {@link ResumeFeature}.
 */
public final class EnableFeature extends SmFeature {

    public static final String NAME = "sm";
    public static final int ORDER = 600;

    public EnableFeature(StreamManagement sm) {
        super(sm, NAME, ORDER);
    }

    @Override
    public Outcome negotiate(XmlElement features, Negotiation negotiation) {
        if (!negotiation.isBound() || negotiation.isResumed()) {
            return Outcome.SKIPPED;
        }
        if (!SmElements.offered(features)) {
            sm.withoutStreamManagement();
            return Outcome.SKIPPED;
        }
        sm.startEnable(negotiation);
        return Outcome.PENDING;
    }
}
