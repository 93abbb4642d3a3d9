package org.xmppboot.features;

import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/**
 * The legacy session establishment of RFC 3921 §3, which RFC 6120 dropped: older servers still advertise it, and
 * some still require it. Done only when advertised without {@code <optional/>} (draft-cridland-xmpp-session).
 */
public final class SessionFeature implements StreamFeature {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-session";

    @Override
    public String name() {
        return "session";
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public Outcome negotiate(XmlElement features, Negotiation negotiation) {
        XmlElement session = features.element("session", NAMESPACE);
        if (!negotiation.isBound() || negotiation.isResumed() || session == null || session.element("optional", NAMESPACE) != null) {
            return Outcome.SKIPPED;
        }
        negotiation.sendIq("session", Iq.Type.SET, new XmlElement("session", NAMESPACE), result -> negotiation.proceed());
        return Outcome.PENDING;
    }
}
