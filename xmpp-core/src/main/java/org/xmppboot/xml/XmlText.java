package org.xmppboot.xml;

import java.util.Objects;

/** Character data inside an element. Immutable. */
public record XmlText(String text) implements XmlNode {

    public XmlText {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public XmlText copy() {
        return this;
    }
}
