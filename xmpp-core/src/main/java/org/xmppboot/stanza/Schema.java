package org.xmppboot.stanza;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/**
 * Describes one kind of {@link ElementBase}: the element it wraps, its named interfaces (what
 * {@code get("body")}, {@code set("type", ...)} and {@code del(...)} reach, and what stanza paths test), and
 * the extensions registered on it. One instance per class, held in a static field.
 *
 * <p>An extension (SleekXMPP's "stanza plugin") is another schema reached by its
 * {@linkplain #extensionName() extension name} (SleekXMPP's {@code plugin_attrib}); registering one is how
 * a XEP extends {@link Message}, {@link Presence} or {@link Iq} without touching them:
 * {@code Message.SCHEMA.registerExtension(Delay.SCHEMA)}.
 *
 * @param <T> the element class
 */
public final class Schema<T extends ElementBase> {

    /** How one interface is read, written and removed. */
    public record Accessor<T>(Function<T, @Nullable Object> getter, BiConsumer<T, @Nullable Object> setter,
            Consumer<T> deleter) {
    }

    private final @Nullable String name;
    private final @Nullable String namespace;
    private final String extensionName;
    private final Function<XmlElement, T> factory;
    private final Map<String, Accessor<T>> interfaces;
    private final Map<String, Schema<?>> extensions = new ConcurrentHashMap<>();

    private Schema(Builder<T> b) {
        this.name = b.name;
        this.namespace = b.namespace;
        this.extensionName = b.extensionName;
        this.factory = b.factory;
        this.interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(b.interfaces));
    }

    /**
     * @param name the element's local name, or null for a schema that wraps any element (generic stanzas)
     * @param namespace the element's namespace, or null for "the namespace in scope": stanzas take the
     *     stream's ({@code jabber:client} or {@code jabber:component:accept}), sub-elements their parent's
     * @param factory wraps an element in the class
     */
    public static <T extends ElementBase> Builder<T> builder(@Nullable String name, @Nullable String namespace,
            Function<XmlElement, T> factory) {
        return new Builder<>(name, namespace, factory);
    }

    public @Nullable String name() {
        return name;
    }

    public @Nullable String namespace() {
        return namespace;
    }

    /** The name this schema is reached by as an extension and in stanza paths (defaults to the element name). */
    public String extensionName() {
        return extensionName;
    }

    public Map<String, Accessor<T>> interfaces() {
        return interfaces;
    }

    /** Whether an element is one this schema describes. */
    public boolean describes(XmlElement element) {
        return (name == null || name.equals(element.name()))
                && (namespace == null || namespace.equals(element.namespace()));
    }

    /** Wraps an existing element. */
    public T wrap(XmlElement element) {
        return factory.apply(element);
    }

    /** Creates a new, empty element; {@code namespaceInScope} fills in a null schema namespace. */
    public T create(String namespaceInScope) {
        if (name == null) {
            throw new IllegalStateException("A generic schema cannot create elements");
        }
        return wrap(new XmlElement(name, namespace != null ? namespace : namespaceInScope));
    }

    /** Makes {@code extension} reachable from this schema's elements by its extension name. */
    public Schema<T> registerExtension(Schema<?> extension) {
        if (extension.name == null) {
            throw new IllegalArgumentException("An extension must name its element");
        }
        Schema<?> previous = extensions.putIfAbsent(extension.extensionName, extension);
        if (previous != null && previous != extension) {
            throw new IllegalStateException("An extension named '" + extension.extensionName + "' is already registered on <"
                    + name + "/>");
        }
        return this;
    }

    public @Nullable Schema<?> extension(String extensionName) {
        return extensions.get(extensionName);
    }

    @Override
    public String toString() {
        return "Schema<" + (name == null ? "*" : XmlElement.qualifiedName(namespace == null ? "" : namespace, name))
                + ">";
    }

    /** Builds a {@link Schema}. */
    public static final class Builder<T extends ElementBase> {

        private final @Nullable String name;
        private final @Nullable String namespace;
        private final Function<XmlElement, T> factory;
        private String extensionName;
        private final Map<String, Accessor<T>> interfaces = new LinkedHashMap<>();

        private Builder(@Nullable String name, @Nullable String namespace, Function<XmlElement, T> factory) {
            this.name = name;
            this.namespace = namespace;
            this.factory = factory;
            this.extensionName = name == null ? "*" : name;
        }

        public Builder<T> extensionName(String extensionName) {
            this.extensionName = extensionName;
            return this;
        }

        /** An interface stored in the attribute of the same name. */
        public Builder<T> attribute(String iface) {
            return attribute(iface, iface);
        }

        /** An interface stored in an attribute (for example {@code lang} in {@code xml:lang}). */
        public Builder<T> attribute(String iface, String attributeKey) {
            return custom(iface,
                    e -> e.xml().attribute(attributeKey),
                    (e, v) -> e.xml().setAttribute(attributeKey, v == null ? null : v.toString()),
                    e -> e.xml().removeAttribute(attributeKey));
        }

        /** An interface stored as the text of a child element of that name in the parent's namespace. */
        public Builder<T> childText(String iface) {
            return custom(iface,
                    e -> e.xml().childText(iface, e.xml().namespace()),
                    (e, v) -> e.setChildText(iface, e.xml().namespace(), v == null ? null : v.toString()),
                    e -> e.xml().removeElements(iface, e.xml().namespace()));
        }

        /** An interface that is true when an empty child element of that name is present. */
        public Builder<T> flag(String iface, String childNamespace) {
            return custom(iface,
                    e -> e.xml().element(iface, childNamespace) != null,
                    (e, v) -> {
                        e.xml().removeElements(iface, childNamespace);
                        if (v != null && Boolean.parseBoolean(v.toString())) {
                            e.xml().addElement(iface, childNamespace);
                        }
                    },
                    e -> e.xml().removeElements(iface, childNamespace));
        }

        public Builder<T> custom(String iface, Function<T, @Nullable Object> getter,
                BiConsumer<T, @Nullable Object> setter, Consumer<T> deleter) {
            interfaces.put(iface, new Accessor<>(getter, setter, deleter));
            return this;
        }

        /** Starts from another schema's interfaces (subclasses such as Message over the common stanza ones). */
        @SuppressWarnings("unchecked")
        public Builder<T> inherit(Schema<? super T> parent) {
            parent.interfaces.forEach((k, v) -> interfaces.put(k, (Accessor<T>) (Accessor<?>) v));
            return this;
        }

        public Schema<T> build() {
            return new Schema<>(this);
        }
    }
}
