package org.xmppboot.stanza;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.xmppboot.xml.XmlElement;

/**
 * The element names of an enum of defined error conditions, shared by stream errors (RFC 6120 §4.9.3) and
 * stanza errors (§8.3.3): the constant {@code FOO_BAR} is the element {@code <foo-bar/>} in the condition
 * namespace. Built once per enum, in its static initialiser (after the constants exist); thread-safe after.
 */
final class ConditionNames<E extends Enum<E>> {

    private final String namespace;
    private final String[] names;
    private final Map<String, E> byName;
    private final E undefined;

    /**
     * @param values the enum's constants, in ordinal order ({@code values()})
     * @param namespace where the condition elements live
     * @param undefined what an unknown or missing condition reads as ({@code undefined-condition})
     */
    ConditionNames(E[] values, String namespace, E undefined) {
        this.namespace = namespace;
        this.undefined = undefined;
        this.names = new String[values.length];
        this.byName = new HashMap<>(values.length * 2);
        for (E value : values) {
            String name = value.name().toLowerCase(Locale.ROOT).replace('_', '-');
            names[value.ordinal()] = name;
            byName.put(name, value);
        }
    }

    String elementName(E condition) {
        return names[condition.ordinal()];
    }

    /** The condition with this element name, or the undefined condition. */
    E fromElementName(String name) {
        E condition = byName.get(name);
        return condition == null ? undefined : condition;
    }

    /**
     * The condition an error element carries: its first child in the condition namespace other than
     * {@code <text/>} (RFC 6120 §4.9.2, §8.3.2); the undefined condition if there is none.
     */
    E read(XmlElement error) {
        for (int i = 0, n = error.childCount(); i < n; i++) {
            if (error.child(i) instanceof XmlElement child && child.namespace().equals(namespace)
                    && !child.name().equals("text")) {
                return fromElementName(child.name());
            }
        }
        return undefined;
    }
}
