package org.xmppboot.stream.matcher;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.xml.XmlElement;

/**
 * Matches a path of element names from the stanza down, such as
 * {@code {jabber:client}iq/{http://jabber.org/protocol/disco#info}query}. A step without {@code {namespace}}
 * takes the namespace of the step before it; a first step without one names a stanza of a registered class,
 * as in {@link org.xmppboot.stanza.StanzaPath}, so {@code message} never matches {@code <message xmlns='urn:x'/>}. Each step must exist; of
 * several same-named children, any may continue the path.
 */
public final class XPathMatcher implements Matcher {

    private record Step(String name, @Nullable String namespace) {
    }

    private final String text;
    private final List<Step> steps;

    public XPathMatcher(String path) {
        this.text = path;
        List<Step> parsed = new ArrayList<>();
        String namespace = null;
        int i = 0;
        while (i < path.length()) {
            if (path.charAt(i) == '{') {
                int close = path.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("Unclosed '{' in path '" + path + "'");
                }
                namespace = path.substring(i + 1, close);
                i = close + 1;
            }
            int slash = path.indexOf('/', i);
            int end = slash < 0 ? path.length() : slash;
            if (end == i) {
                throw new IllegalArgumentException("Empty step in path '" + path + "'");
            }
            parsed.add(new Step(path.substring(i, end), namespace));
            i = end + 1;
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("Empty path");
        }
        this.steps = List.copyOf(parsed);
    }

    @Override
    public boolean matches(StanzaBase stanza) {
        if (steps.get(0).namespace == null && !stanza.isRegistered()) {
            return false;
        }
        return matches(stanza.xml(), 0);
    }

    private boolean matches(XmlElement element, int index) {
        Step step = steps.get(index);
        if (!element.name().equals(step.name)
                || step.namespace != null && !step.namespace.equals(element.namespace())) {
            return false;
        }
        if (index + 1 == steps.size()) {
            return true;
        }
        for (int i = 0, n = element.childCount(); i < n; i++) {
            if (element.child(i) instanceof XmlElement child && matches(child, index + 1)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "XPath[" + text + "]";
    }
}
