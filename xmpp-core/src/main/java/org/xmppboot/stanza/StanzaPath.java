package org.xmppboot.stanza;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/**
 * A SleekXMPP-style stanza path: steps separated by {@code /}, each a name with optional conditions, such as
 * {@code message@type=chat/body} or {@code iq@type=get/{http://jabber.org/protocol/disco#info}query}.
 *
 * <ul>
 *   <li>The first step names the element itself (its extension name or element name). Without a
 *       {@code {namespace}}, a received stanza must be of a registered class: in the stream's own namespace
 *       (message, presence, iq), or one registered in the stream's {@link StanzaRegistry}.</li>
 *   <li>A later step names an interface (matches when it has a non-empty value, last step only), a registered
 *       extension, or a child element by name or {@code {namespace}name}; each present candidate is tried.</li>
 *   <li>{@code @name=value} requires an interface (or attribute) to equal the value; {@code @name} alone
 *       requires it to be non-empty.</li>
 * </ul>
 * Parsed once, immutable, thread-safe.
 */
public final class StanzaPath {

    private record Condition(String name, @Nullable String value) {
    }

    private record Step(String name, @Nullable String namespace, List<Condition> conditions) {
    }

    private final String text;
    private final List<Step> steps;

    private StanzaPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    public static StanzaPath of(String path) {
        List<Step> steps = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '/' && depth == 0) {
                steps.add(parseStep(path, path.substring(start, i)));
                start = i + 1;
            }
        }
        return new StanzaPath(path, List.copyOf(steps));
    }

    private static Step parseStep(String path, String step) {
        String namespace = null;
        String rest = step;
        if (rest.startsWith("{")) {
            int close = rest.indexOf('}');
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed '{' in stanza path '" + path + "'");
            }
            namespace = rest.substring(1, close);
            rest = rest.substring(close + 1);
        }
        String[] parts = rest.split("@", -1);
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException("Empty step in stanza path '" + path + "'");
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (parts[i].isEmpty() || eq == 0) {
                throw new IllegalArgumentException("Empty condition in stanza path '" + path + "'");
            }
            conditions.add(eq < 0 ? new Condition(parts[i], null)
                    : new Condition(parts[i].substring(0, eq), parts[i].substring(eq + 1)));
        }
        return new Step(parts[0], namespace, List.copyOf(conditions));
    }

    public boolean matches(ElementBase element) {
        return matches(element, 0);
    }

    private boolean matches(ElementBase element, int index) {
        Step step = steps.get(index);
        // A first step without a namespace means the stream's: <message xmlns='urn:x'/> is no message.
        if (index == 0 && step.namespace == null && element instanceof StanzaBase stanza && !stanza.isRegistered()
                || !identifies(step, element)) {
            return false;
        }
        for (Condition condition : step.conditions) {
            String actual = element.getString(condition.name);
            if (condition.value == null ? actual.isEmpty() : !condition.value.equals(actual)) {
                return false;
            }
        }
        if (index + 1 == steps.size()) {
            return true;
        }
        Step next = steps.get(index + 1);
        if (next.namespace == null && next.conditions.isEmpty() && index + 2 == steps.size()
                && element.schema().interfaces().containsKey(next.name)) {
            return !element.getString(next.name).isEmpty();
        }
        Schema<?> extension = next.namespace == null ? element.schema().extension(next.name) : null;
        if (extension != null) {
            ElementBase view = element.extension(extension);
            return view != null && matches(view, index + 1);
        }
        XmlElement xml = element.xml();
        for (int i = 0, n = xml.childCount(); i < n; i++) {
            if (xml.child(i) instanceof XmlElement child && child.name().equals(next.name)
                    && (next.namespace == null || next.namespace.equals(child.namespace()))
                    && matches(new GenericElement(child), index + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean identifies(Step step, ElementBase element) {
        XmlElement xml = element.xml();
        if (step.namespace != null && !step.namespace.equals(xml.namespace())) {
            return false;
        }
        return step.name.equals(xml.name()) || step.name.equals(element.schema().extensionName());
    }

    @Override
    public String toString() {
        return text;
    }
}
