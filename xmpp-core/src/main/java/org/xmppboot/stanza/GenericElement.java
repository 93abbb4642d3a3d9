package org.xmppboot.stanza;

import org.xmppboot.xml.XmlElement;

/** A view over an element no class is registered for: its interfaces are its attributes. */
public final class GenericElement extends ElementBase {

    public static final Schema<GenericElement> SCHEMA = Schema.builder(null, null, GenericElement::new).build();

    public GenericElement(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<GenericElement> schema() {
        return SCHEMA;
    }
}
