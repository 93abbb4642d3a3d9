package org.xmppboot.stream.matcher;

import org.xmppboot.stanza.StanzaBase;

/** Decides whether a received stanza goes to a handler. Implementations are immutable and thread-safe. */
@FunctionalInterface
public interface Matcher {

    boolean matches(StanzaBase stanza);

    /** Matches a {@link org.xmppboot.stanza.StanzaPath} such as {@code message@type=chat/body}. */
    static Matcher stanzaPath(String path) {
        return new StanzaPathMatcher(path);
    }

    /** Matches an element path such as {@code {jabber:client}iq/{urn:xmpp:ping}ping}. */
    static Matcher xpath(String path) {
        return new XPathMatcher(path);
    }

    /** Matches stanzas that contain everything in the mask (an XML string). */
    static Matcher mask(String xml) {
        return new XmlMaskMatcher(xml);
    }

    /** Matches stanzas with this id. */
    static Matcher id(String id) {
        return stanza -> id.equals(stanza.getId());
    }
}
