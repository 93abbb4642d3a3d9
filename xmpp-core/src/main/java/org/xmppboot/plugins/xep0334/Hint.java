package org.xmppboot.plugins.xep0334;

import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * A message processing hint (XEP-0334 §4): an empty element in {@code urn:xmpp:hints} asking the entities a
 * message passes through to store it or not, or not to copy it to other resources. Each hint is also an
 * extension of {@link org.xmppboot.stanza.Message} under its element name ({@code message.get("no-store")}).
 */
public enum Hint {

    /** §4.1: do not keep it in any permanent store (an archive); offline storage is fine. */
    NO_PERMANENT_STORE("no-permanent-store"),
    /** §4.2: do not store it at all, not even for offline delivery. */
    NO_STORE("no-store"),
    /** §4.3: do not copy it to other resources (carbons). */
    NO_COPY("no-copy"),
    /** §4.4: store it, even if it would otherwise not be (a message without a body). */
    STORE("store");

    public static final String NAMESPACE = "urn:xmpp:hints";

    private final String elementName;
    private final Schema<Element> schema;

    Hint(String elementName) {
        this.elementName = elementName;
        this.schema = Schema.builder(elementName, NAMESPACE, xml -> new Element(xml, this)).build();
    }

    /** The element's name, e.g. {@code no-store}. */
    public String elementName() {
        return elementName;
    }

    /** The hint's element as an extension. */
    public Schema<Element> schema() {
        return schema;
    }

    /** The hint with this element name, or null. */
    public static @Nullable Hint fromElementName(String name) {
        for (Hint hint : values()) {
            if (hint.elementName.equals(name)) {
                return hint;
            }
        }
        return null;
    }

    /** The hints a message carries. */
    public static Set<Hint> in(XmlElement message) {
        Set<Hint> hints = EnumSet.noneOf(Hint.class);
        for (XmlElement child : message.elements()) {
            Hint hint = child.namespace().equals(NAMESPACE) ? fromElementName(child.name()) : null;
            if (hint != null) {
                hints.add(hint);
            }
        }
        return hints;
    }

    /** A hint's element: it has no content, being there is what it says. */
    public static final class Element extends ElementBase {

        private final Hint hint;

        public Element(XmlElement xml, Hint hint) {
            super(xml);
            this.hint = hint;
        }

        /** Which hint this is. */
        public Hint hint() {
            return hint;
        }

        @Override
        public Schema<Element> schema() {
            return hint.schema;
        }
    }
}
