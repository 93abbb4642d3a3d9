package org.xmppboot.xml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A namespace-aware XML element: a name, a namespace, ordered attributes and ordered children (elements and
 * text). Mutable and not thread-safe: a stanza handed to several handlers is copied first.
 *
 * <p>Attribute keys are the local name for attributes in no namespace, {@code xml:lang} (and other {@code xml:}
 * names) for the XML namespace, and {@code {namespace}local} for any other namespaced attribute.
 *
 * <p>The representation is deliberately small (two arrays and a list) because one is built for every element
 * of every received stanza.
 */
public final class XmlElement implements XmlNode {

    private static final String[] NO_ATTRIBUTES = new String[0];

    private final String name;
    private final String namespace;
    /** Keys at even indexes, values at odd ones; {@code attributeCount * 2} slots are used. */
    private String[] attributes = NO_ATTRIBUTES;
    private int attributeCount;
    private @Nullable ArrayList<XmlNode> children;

    /**
     * @param name the local name
     * @param namespace the namespace URI, {@code ""} for none
     */
    public XmlElement(String name, String namespace) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("An element name cannot be empty");
        }
        this.name = name;
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * For the parser: attributes arrive known to be distinct (the XML parser rejects duplicates), so they are
     * appended into an array of the right size without looking for an existing key.
     */
    XmlElement(String name, String namespace, String[] keysAndValues) {
        this(name, namespace);
        this.attributes = keysAndValues;
        this.attributeCount = keysAndValues.length / 2;
    }

    public static XmlElement of(String name, String namespace) {
        return new XmlElement(name, namespace);
    }

    /** Parses one XML element from text (masks, tests, fixtures). Limits are the defaults. */
    public static XmlElement parse(String xml) {
        return XmlStreamParser.parseElement(xml);
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    /** {@code {namespace}name}, the key stanza classes are registered under. */
    public String qualifiedName() {
        return qualifiedName(namespace, name);
    }

    public static String qualifiedName(String namespace, String name) {
        return namespace.isEmpty() ? name : "{" + namespace + "}" + name;
    }

    public boolean is(String name, String namespace) {
        return this.name.equals(name) && this.namespace.equals(namespace);
    }

    // ---------------------------------------------------------------- attributes

    public @Nullable String attribute(String key) {
        int i = indexOfAttribute(key);
        return i < 0 ? null : attributes[i + 1];
    }

    /** Sets an attribute, keeping its position if it exists; {@code null} removes it. */
    public XmlElement setAttribute(String key, @Nullable String value) {
        if (value == null) {
            removeAttribute(key);
            return this;
        }
        int i = indexOfAttribute(key);
        if (i >= 0) {
            attributes[i + 1] = value;
            return this;
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("An attribute name cannot be empty");
        }
        int slot = attributeCount * 2;
        if (slot == attributes.length) {
            attributes = Arrays.copyOf(attributes, Math.max(4, attributes.length * 2));
        }
        attributes[slot] = key;
        attributes[slot + 1] = value;
        attributeCount++;
        return this;
    }

    public boolean removeAttribute(String key) {
        int i = indexOfAttribute(key);
        if (i < 0) {
            return false;
        }
        int used = attributeCount * 2;
        System.arraycopy(attributes, i + 2, attributes, i, used - i - 2);
        attributes[used - 2] = null;
        attributes[used - 1] = null;
        attributeCount--;
        return true;
    }

    public int attributeCount() {
        return attributeCount;
    }

    public String attributeKey(int index) {
        Objects.checkIndex(index, attributeCount);
        return attributes[index * 2];
    }

    public String attributeValue(int index) {
        Objects.checkIndex(index, attributeCount);
        return attributes[index * 2 + 1];
    }

    /** A snapshot of the attributes in document order. */
    public Map<String, String> attributes() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < attributeCount; i++) {
            map.put(attributes[i * 2], attributes[i * 2 + 1]);
        }
        return map;
    }

    private int indexOfAttribute(String key) {
        for (int i = 0, used = attributeCount * 2; i < used; i += 2) {
            if (attributes[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- children

    /** All child nodes, unmodifiable, in document order. */
    public List<XmlNode> children() {
        return children == null ? List.of() : Collections.unmodifiableList(children);
    }

    public int childCount() {
        return children == null ? 0 : children.size();
    }

    public XmlNode child(int index) {
        if (children == null) {
            throw new IndexOutOfBoundsException(index);
        }
        return children.get(index);
    }

    /** The child elements, in document order. */
    public List<XmlElement> elements() {
        if (children == null) {
            return List.of();
        }
        List<XmlElement> result = new ArrayList<>(children.size());
        for (XmlNode node : children) {
            if (node instanceof XmlElement e) {
                result.add(e);
            }
        }
        return result;
    }

    /** The child elements with this name and namespace. */
    public List<XmlElement> elements(String name, String namespace) {
        if (children == null) {
            return List.of();
        }
        List<XmlElement> result = new ArrayList<>(2);
        for (XmlNode node : children) {
            if (node instanceof XmlElement e && e.is(name, namespace)) {
                result.add(e);
            }
        }
        return result;
    }

    /** The first child element with this name and namespace. */
    public @Nullable XmlElement element(String name, String namespace) {
        if (children != null) {
            for (XmlNode node : children) {
                if (node instanceof XmlElement e && e.is(name, namespace)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** The first child element in this namespace, whatever its name (payloads such as an error condition). */
    public @Nullable XmlElement firstElementIn(String namespace) {
        if (children != null) {
            for (XmlNode node : children) {
                if (node instanceof XmlElement e && e.namespace.equals(namespace)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** The first child element, whatever its name. */
    public @Nullable XmlElement firstElement() {
        if (children != null) {
            for (XmlNode node : children) {
                if (node instanceof XmlElement e) {
                    return e;
                }
            }
        }
        return null;
    }

    public XmlElement addChild(XmlNode child) {
        Objects.requireNonNull(child, "child");
        if (child == this) {
            throw new IllegalArgumentException("An element cannot contain itself");
        }
        if (children == null) {
            children = new ArrayList<>(4);
        }
        children.add(child);
        return this;
    }

    /** Creates, appends and returns a new child element. */
    public XmlElement addElement(String name, String namespace) {
        XmlElement child = new XmlElement(name, namespace);
        addChild(child);
        return child;
    }

    /** Creates, appends and returns a new child element in this element's namespace. */
    public XmlElement addElement(String name) {
        return addElement(name, namespace);
    }

    public XmlElement addText(String text) {
        if (!text.isEmpty()) {
            addChild(new XmlText(text));
        }
        return this;
    }

    public boolean removeChild(XmlNode child) {
        if (children == null) {
            return false;
        }
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) == child) {
                children.remove(i);
                return true;
            }
        }
        return false;
    }

    /** Removes every child element with this name and namespace; returns how many were removed. */
    public int removeElements(String name, String namespace) {
        if (children == null) {
            return 0;
        }
        int before = children.size();
        children.removeIf(n -> n instanceof XmlElement e && e.is(name, namespace));
        return before - children.size();
    }

    public void clearChildren() {
        if (children != null) {
            children.clear();
        }
    }

    // ---------------------------------------------------------------- text

    /** The concatenated text children of this element (not of its descendants); {@code ""} if none. */
    public String text() {
        if (children == null) {
            return "";
        }
        String single = null;
        StringBuilder sb = null;
        for (XmlNode node : children) {
            if (node instanceof XmlText t) {
                if (single == null) {
                    single = t.text();
                } else {
                    if (sb == null) {
                        sb = new StringBuilder(single);
                    }
                    sb.append(t.text());
                }
            }
        }
        return sb != null ? sb.toString() : single != null ? single : "";
    }

    /** Replaces this element's text children with one text node; child elements stay. */
    public XmlElement setText(@Nullable String text) {
        if (children != null) {
            children.removeIf(n -> n instanceof XmlText);
        }
        if (text != null && !text.isEmpty()) {
            if (children == null) {
                children = new ArrayList<>(1);
            }
            children.add(0, new XmlText(text));
        }
        return this;
    }

    /** The text of the first child element with this name and namespace, or {@code null} if absent. */
    public @Nullable String childText(String name, String namespace) {
        XmlElement child = element(name, namespace);
        return child == null ? null : child.text();
    }

    // ---------------------------------------------------------------- copying and writing

    @Override
    public XmlElement copy() {
        XmlElement copy = new XmlElement(name, namespace);
        if (attributeCount > 0) {
            copy.attributes = Arrays.copyOf(attributes, attributeCount * 2);
            copy.attributeCount = attributeCount;
        }
        if (children != null && !children.isEmpty()) {
            copy.children = new ArrayList<>(children.size());
            for (XmlNode child : children) {
                copy.children.add(child.copy());
            }
        }
        return copy;
    }

    /** The element as XML, with its namespace declared. Stable: the same tree always gives the same string. */
    public String toXml() {
        return XmlWriter.toXml(this);
    }

    @Override
    public String toString() {
        return toXml();
    }
}
