package org.xmppboot.iq;

import java.util.Objects;

import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * Which iq requests an {@link IqHandler} answers: a get or a set whose payload (RFC 6120 §8.2.3: the one child
 * of a request) is {@code {namespace}element}. One handler per route, so that one response goes out per
 * request. As a {@link Matcher} it runs on the read thread for every received stanza, and allocates nothing.
 */
public record IqRoute(Iq.Type type, String namespace, String element) implements Matcher {

    public IqRoute {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(element, "element");
        if (!type.isRequest()) {
            throw new IllegalArgumentException("A route is for requests, get or set; not " + type.value());
        }
    }

    /** Requests {@code <iq type='get'><element xmlns='namespace'/></iq>}. */
    public static IqRoute get(String namespace, String element) {
        return new IqRoute(Iq.Type.GET, namespace, element);
    }

    /** Requests {@code <iq type='set'><element xmlns='namespace'/></iq>}. */
    public static IqRoute set(String namespace, String element) {
        return new IqRoute(Iq.Type.SET, namespace, element);
    }

    @Override
    public boolean matches(StanzaBase stanza) {
        if (!(stanza instanceof Iq iq) || !type.value().equals(iq.getType())) {
            return false;
        }
        XmlElement payload = iq.getPayload();
        return payload != null && payload.name().equals(element) && payload.namespace().equals(namespace);
    }

    @Override
    public String toString() {
        return "iq@type=" + type.value() + "/{" + namespace + "}" + element;
    }
}
