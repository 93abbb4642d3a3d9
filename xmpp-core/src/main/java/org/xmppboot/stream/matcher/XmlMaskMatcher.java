package org.xmppboot.stream.matcher;

import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlNode;

/**
 * Matches stanzas that contain the mask: the same element name, every attribute of the mask with the same
 * value, the mask's text if it has any, and for each child of the mask a matching child (recursively). The
 * stanza may carry more than the mask. A mask element without a namespace matches the element's namespace
 * whatever it is, so {@code <message type='chat'><body/></message>} works on any stream; at the top, though, only
 * stanzas of a registered class (as in {@link org.xmppboot.stanza.StanzaPath}), never {@code <message xmlns='urn:x'/>}.
 */
public final class XmlMaskMatcher implements Matcher {

    private final XmlElement mask;

    public XmlMaskMatcher(String maskXml) {
        this(XmlElement.parse(maskXml));
    }

    public XmlMaskMatcher(XmlElement mask) {
        this.mask = mask.copy();
    }

    @Override
    public boolean matches(StanzaBase stanza) {
        if (mask.namespace().isEmpty() && !stanza.isRegistered()) {
            return false;
        }
        return matches(stanza.xml(), mask);
    }

    private static boolean matches(XmlElement element, XmlElement mask) {
        if (!element.name().equals(mask.name())
                || !mask.namespace().isEmpty() && !mask.namespace().equals(element.namespace())) {
            return false;
        }
        for (int i = 0, n = mask.attributeCount(); i < n; i++) {
            if (!mask.attributeValue(i).equals(element.attribute(mask.attributeKey(i)))) {
                return false;
            }
        }
        String maskText = mask.text().strip();
        if (!maskText.isEmpty() && !maskText.equals(element.text().strip())) {
            return false;
        }
        for (int i = 0, n = mask.childCount(); i < n; i++) {
            XmlNode node = mask.child(i);
            if (node instanceof XmlElement maskChild && !anyChildMatches(element, maskChild)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyChildMatches(XmlElement element, XmlElement maskChild) {
        for (int i = 0, n = element.childCount(); i < n; i++) {
            if (element.child(i) instanceof XmlElement child && matches(child, maskChild)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "XmlMask[" + mask.toXml() + "]";
    }
}
