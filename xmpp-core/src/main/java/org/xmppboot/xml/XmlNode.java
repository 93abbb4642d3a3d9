package org.xmppboot.xml;

/** A node of an {@link XmlElement} tree: an element or a run of text. */
public sealed interface XmlNode permits XmlElement, XmlText {

    /** A deep copy that shares nothing mutable with this node. */
    XmlNode copy();
}
