package org.xmppboot.xml;

/**
 * The peer sent XML this stream cannot accept. {@link #condition()} names the RFC 6120 §4.9.3 stream error
 * that answers it.
 */
public class XmlStreamException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String condition;

    public XmlStreamException(String condition, String message) {
        super(message);
        this.condition = condition;
    }

    public XmlStreamException(String condition, String message, Throwable cause) {
        super(message, cause);
        this.condition = condition;
    }

    /** The defined stream error condition, e.g. {@code not-well-formed}, {@code restricted-xml}. */
    public String condition() {
        return condition;
    }
}
