package org.xmppboot.features;

import java.io.IOException;
import java.util.Set;

import org.xmppboot.xml.XmlElement;

/**
 * STARTTLS (RFC 6120 §5): asks for TLS when the stream is not encrypted yet, and refuses to go on in plaintext
 * unless that was explicitly allowed.
 */
public final class StartTlsFeature implements StreamFeature {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-tls";

    private final boolean required;

    /** @param required whether a server without STARTTLS is refused (anything but an explicit plaintext opt-in) */
    public StartTlsFeature(boolean required) {
        this.required = required;
    }

    @Override
    public String name() {
        return "starttls";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Set<String> namespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public Outcome negotiate(XmlElement features, Negotiation negotiation) {
        if (negotiation.isSecure()) {
            return Outcome.SKIPPED;
        }
        if (features.element("starttls", NAMESPACE) != null) {
            negotiation.send(new XmlElement("starttls", NAMESPACE));
            return Outcome.PENDING;
        }
        if (required) {
            negotiation.failPermanently("The server at " + negotiation.serverDescription() + " does not offer "
                    + "STARTTLS, and TLS is required. Only for a server you control on a trusted network, allow "
                    + "plaintext with TlsMode.OPTIONAL.");
            return Outcome.PENDING;
        }
        return Outcome.SKIPPED;
    }

    @Override
    public void receive(XmlElement element, Negotiation negotiation) {
        if (!element.name().equals("proceed")) {
            negotiation.fail("The server refused STARTTLS (<" + element.name() + "/>)", null);
            return;
        }
        try {
            negotiation.startTls();
        } catch (IOException e) {
            negotiation.fail("Cannot secure the connection to " + negotiation.serverDescription() + ": "
                    + TlsFailures.describe(e), e);
        }
    }
}
