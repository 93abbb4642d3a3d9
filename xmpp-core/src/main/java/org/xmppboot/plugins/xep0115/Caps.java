package org.xmppboot.plugins.xep0115;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * The {@code <c xmlns='http://jabber.org/protocol/caps'/>} element of a presence (XEP-0115 §4): the software
 * ({@code node}), the verification string ({@code ver}) and the hash function that made it ({@code hash};
 * absent in the legacy format, §13). Reached as the {@code caps} extension of a {@link Presence}.
 */
public final class Caps extends ElementBase {

    public static final String NAMESPACE = "http://jabber.org/protocol/caps";

    public static final Schema<Caps> SCHEMA = Schema.builder("c", NAMESPACE, Caps::new)
            .extensionName("caps")
            .attribute("hash").attribute("node").attribute("ver").attribute("ext")
            .build();

    static {
        Presence.SCHEMA.registerExtension(SCHEMA);
    }

    public Caps(XmlElement xml) {
        super(xml);
    }

    /** A new element. */
    public static Caps create(String hash, String node, String ver) {
        Caps caps = SCHEMA.create(NAMESPACE);
        caps.xml.setAttribute("hash", hash).setAttribute("node", node).setAttribute("ver", ver);
        return caps;
    }

    @Override
    public Schema<Caps> schema() {
        return SCHEMA;
    }

    /** The hash function's name from the IANA registry ({@code sha-1}), or null for the legacy format. */
    public @Nullable String getHash() {
        return xml.attribute("hash");
    }

    public @Nullable String getNode() {
        return xml.attribute("node");
    }

    public @Nullable String getVer() {
        return xml.attribute("ver");
    }

    /** The legacy format's feature bundles (deprecated, §4), or null. */
    public @Nullable String getExt() {
        return xml.attribute("ext");
    }

    /** Without a {@code hash}, {@code ver} is not a verification string (§13) and cannot be checked. */
    public boolean isLegacy() {
        return getHash() == null;
    }
}
