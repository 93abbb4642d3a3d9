package org.xmppboot.sm;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/** The elements of XEP-0198 (urn:xmpp:sm:3) we write, and reading the ones we receive. */
final class SmElements {

    static final String NAMESPACE = "urn:xmpp:sm:3";
    static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    /** What {@link #h} answers for a missing or invalid {@code h}. */
    static final long NO_H = -1;

    private SmElements() {
    }

    static boolean offered(XmlElement features) {
        return features.element("sm", NAMESPACE) != null;
    }

    static XmlElement enable(@Nullable Duration max) {
        XmlElement enable = new XmlElement("enable", NAMESPACE).setAttribute("resume", "true");
        if (max != null) {
            enable.setAttribute("max", Long.toString(max.toSeconds()));
        }
        return enable;
    }

    static XmlElement resume(int h, String previd) {
        return new XmlElement("resume", NAMESPACE).setAttribute("h", Integer.toUnsignedString(h))
                .setAttribute("previd", previd);
    }

    static XmlElement request() {
        return new XmlElement("r", NAMESPACE);
    }

    static XmlElement ack(int h) {
        return new XmlElement("a", NAMESPACE).setAttribute("h", Integer.toUnsignedString(h));
    }

    /** The {@code h} attribute, an xs:unsignedInt (§4), or {@link #NO_H}. */
    static long h(XmlElement element) {
        String h = element.attribute("h");
        if (h == null || h.isEmpty() || h.length() > 10) {
            return NO_H;
        }
        try {
            long value = Long.parseLong(h);
            return value >= 0 && value <= 0xFFFF_FFFFL ? value : NO_H;
        } catch (NumberFormatException e) {
            return NO_H;
        }
    }

    /** Whether a boolean attribute is set (xs:boolean: "true" or "1"). */
    static boolean isTrue(XmlElement element, String attribute) {
        String value = element.attribute(attribute);
        return "true".equals(value) || "1".equals(value);
    }

    /** The error condition a {@code <failed/>} carries (§6), or {@code undefined-condition}. */
    static String condition(XmlElement failed) {
        XmlElement condition = failed.firstElementIn(STANZA_ERRORS);
        return condition == null ? "undefined-condition" : condition.name();
    }
}
