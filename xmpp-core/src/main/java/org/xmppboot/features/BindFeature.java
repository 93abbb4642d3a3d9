package org.xmppboot.features;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/** Resource binding (RFC 6120 §7): after authentication, asks for a resource and learns the full JID. */
public final class BindFeature implements StreamFeature {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-bind";

    private final @Nullable String resource;

    /** @param resource the resource to ask for, or null to let the server choose (RFC 6120 §7.6) */
    public BindFeature(@Nullable String resource) {
        this.resource = resource;
    }

    @Override
    public String name() {
        return "bind";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public Outcome negotiate(XmlElement features, Negotiation negotiation) {
        if (!negotiation.isAuthenticated() || negotiation.isBound()) {
            return Outcome.SKIPPED;
        }
        if (features.element("bind", NAMESPACE) == null) {
            negotiation.fail("The server offers no resource binding after authentication", null);
            return Outcome.PENDING;
        }
        XmlElement bind = new XmlElement("bind", NAMESPACE);
        if (resource != null) {
            bind.addElement("resource", NAMESPACE).setText(resource);
        }
        negotiation.sendIq("bind", Iq.Type.SET, bind, result -> {
            XmlElement bound = result.xml().element("bind", NAMESPACE);
            String text = bound == null ? null : bound.childText("jid", NAMESPACE);
            Jid jid = Jid.ofOrNull(text);
            if (jid == null || jid.resource() == null) {
                negotiation.fail("The bind result has no valid full JID: " + text, null);
                return;
            }
            negotiation.bound(jid);
            negotiation.proceed();
        });
        return Outcome.PENDING;
    }
}
