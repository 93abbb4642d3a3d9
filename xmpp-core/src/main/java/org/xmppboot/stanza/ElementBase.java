package org.xmppboot.stanza;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/**
 * A view over an {@link XmlElement} with named interfaces: {@code get("body")}, {@code set("type", "chat")},
 * {@code del("subject")}, and extensions reached by name. The element is the only state, so anything the class
 * does not know about (unknown child elements, attributes) is kept and written back unchanged.
 */
public abstract class ElementBase {

    protected final XmlElement xml;

    protected ElementBase(XmlElement xml) {
        this.xml = Objects.requireNonNull(xml, "xml");
    }

    /** The element this object is a view over. */
    public final XmlElement xml() {
        return xml;
    }

    /** This class's schema: its interfaces and extensions. */
    public abstract Schema<?> schema();

    /**
     * The value of an interface, or the extension of that name if one is present, or (for names the schema does
     * not know) the attribute of that name.
     */
    public @Nullable Object get(String name) {
        Schema.Accessor<ElementBase> accessor = accessor(name);
        if (accessor != null) {
            return accessor.getter().apply(this);
        }
        Schema<?> extension = schema().extension(name);
        if (extension != null) {
            return extension(extension);
        }
        return xml.attribute(name);
    }

    /** {@link #get} as a string, {@code ""} for absent: what stanza paths compare. */
    public String getString(String name) {
        Object value = get(name);
        return value == null ? "" : value.toString();
    }

    /**
     * Sets an interface; for a extension name, {@code value} is a map of the extension's interfaces; for other names,
     * the attribute. {@code null} removes.
     */
    public ElementBase set(String name, @Nullable Object value) {
        Schema.Accessor<ElementBase> accessor = accessor(name);
        if (accessor != null) {
            if (value == null) {
                accessor.deleter().accept(this);
            } else {
                accessor.setter().accept(this, value);
            }
            return this;
        }
        Schema<?> extension = schema().extension(name);
        if (extension != null) {
            if (value == null) {
                removeExtension(extension);
            } else if (value instanceof Map<?, ?> map) {
                ElementBase p = enableExtension(extension);
                map.forEach((k, v) -> p.set(k.toString(), v));
            } else {
                throw new IllegalArgumentException("Extension '" + name + "' is set from a map of its interfaces, not "
                        + value.getClass().getName());
            }
            return this;
        }
        xml.setAttribute(name, value == null ? null : value.toString());
        return this;
    }

    /** Removes an interface's value, a extension, or an attribute. */
    public ElementBase del(String name) {
        return set(name, null);
    }

    @SuppressWarnings("unchecked")
    private Schema.@Nullable Accessor<ElementBase> accessor(String name) {
        return (Schema.Accessor<ElementBase>) schema().interfaces().get(name);
    }

    // ---------------------------------------------------------------- extensions

    /** The extension's element if present, else null. Never creates one. */
    public <P extends ElementBase> @Nullable P extension(Schema<P> extension) {
        XmlElement child = findExtensionElement(extension);
        return child == null ? null : extension.wrap(child);
    }

    /** The extension's element, created empty if absent. */
    public <P extends ElementBase> P enableExtension(Schema<P> extension) {
        XmlElement child = findExtensionElement(extension);
        if (child == null) {
            P created = extension.create(xml.namespace());
            xml.addChild(created.xml());
            return created;
        }
        return extension.wrap(child);
    }

    public boolean hasExtension(Schema<?> extension) {
        return findExtensionElement(extension) != null;
    }

    public void removeExtension(Schema<?> extension) {
        String ns = extension.namespace() != null ? extension.namespace() : xml.namespace();
        xml.removeElements(Objects.requireNonNull(extension.name()), ns);
    }

    private @Nullable XmlElement findExtensionElement(Schema<?> extension) {
        String ns = extension.namespace() != null ? extension.namespace() : xml.namespace();
        return xml.element(Objects.requireNonNull(extension.name()), ns);
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /** Sets (or with null removes) the text of the first child element of that name. */
    protected void setChildText(String name, String namespace, @Nullable String text) {
        XmlElement child = xml.element(name, namespace);
        if (text == null) {
            if (child != null) {
                xml.removeElements(name, namespace);
            }
            return;
        }
        if (child == null) {
            child = xml.addElement(name, namespace);
        }
        child.setText(text);
    }

    // ---------------------------------------------------------------- matching and copying

    /** Whether this element matches a stanza path such as {@code message@type=chat/body}. */
    public boolean match(String stanzaPath) {
        return StanzaPath.of(stanzaPath).matches(this);
    }

    /** A deep copy with its own element. */
    public ElementBase copy() {
        return schema().wrap(xml.copy());
    }

    @Override
    public String toString() {
        return xml.toXml();
    }
}
