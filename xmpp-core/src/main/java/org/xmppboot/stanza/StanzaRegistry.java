package org.xmppboot.stanza;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xmppboot.xml.XmlElement;

/**
 * Which class wraps which top-level element, keyed by {@code {namespace}name}: {@code {jabber:client}message}
 * is a {@link Message}. An element with no registered class is still delivered, as a plain {@link StanzaBase}.
 */
public final class StanzaRegistry {

    /** Namespace, then local name: a lookup per received stanza builds no key string. */
    private final Map<String, Map<String, Schema<? extends StanzaBase>>> schemas = new ConcurrentHashMap<>();

    /** Registers a schema for elements of its name in {@code namespace} (the schema's own, if it has one). */
    public StanzaRegistry register(String namespace, Schema<? extends StanzaBase> schema) {
        String name = schema.name();
        if (name == null) {
            throw new IllegalArgumentException("A top-level stanza schema must name its element");
        }
        String ns = schema.namespace() != null ? schema.namespace() : namespace;
        schemas.computeIfAbsent(ns, k -> new ConcurrentHashMap<>()).put(name, schema);
        return this;
    }

    /** Wraps a received top-level element in its registered class. */
    public StanzaBase wrap(XmlElement element) {
        Map<String, Schema<? extends StanzaBase>> byName = schemas.get(element.namespace());
        Schema<? extends StanzaBase> schema = byName == null ? null : byName.get(element.name());
        return schema == null ? new StanzaBase(element) : schema.wrap(element);
    }
}
