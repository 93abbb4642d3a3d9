package org.xmppboot.stanza;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/** A {@code <stream:error/>} (RFC 6120 §4.9): the stream is closed right after it. */
public final class StreamError extends StanzaBase {

    public static final String STREAM_NAMESPACE = "http://etherx.jabber.org/streams";
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    /** The defined conditions of RFC 6120 §4.9.3. */
    public enum Condition {
        BAD_FORMAT, BAD_NAMESPACE_PREFIX, CONFLICT, CONNECTION_TIMEOUT, HOST_GONE, HOST_UNKNOWN,
        IMPROPER_ADDRESSING, INTERNAL_SERVER_ERROR, INVALID_FROM, INVALID_NAMESPACE, INVALID_XML, NOT_AUTHORIZED,
        NOT_WELL_FORMED, POLICY_VIOLATION, REMOTE_CONNECTION_FAILED, RESET, RESOURCE_CONSTRAINT, RESTRICTED_XML,
        SEE_OTHER_HOST, SYSTEM_SHUTDOWN, UNDEFINED_CONDITION, UNSUPPORTED_ENCODING, UNSUPPORTED_FEATURE,
        UNSUPPORTED_STANZA_TYPE, UNSUPPORTED_VERSION;

        private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

        public String elementName() {
            return elementName;
        }

        public static Condition fromElementName(String name) {
            for (Condition c : values()) {
                if (c.elementName.equals(name)) {
                    return c;
                }
            }
            return UNDEFINED_CONDITION;
        }
    }

    public static final Schema<StreamError> SCHEMA = Schema.builder("error", STREAM_NAMESPACE, StreamError::new)
            .custom("condition", e -> e.getCondition().elementName(), StreamError::readOnly, StreamError::readOnly)
            .custom("text", StreamError::getText, StreamError::readOnly, StreamError::readOnly)
            .build();

    private static void readOnly(StreamError e, @Nullable Object ignored) {
        throw new UnsupportedOperationException("A stream error is read-only; create one with StreamError.of()");
    }

    private static void readOnly(StreamError e) {
        readOnly(e, null);
    }

    public StreamError(XmlElement xml) {
        super(xml);
    }

    public static StreamError of(Condition condition, @Nullable String text) {
        XmlElement xml = new XmlElement("error", STREAM_NAMESPACE);
        xml.addElement(condition.elementName(), NAMESPACE);
        if (text != null) {
            xml.addElement("text", NAMESPACE).setText(text);
        }
        return new StreamError(xml);
    }

    @Override
    public Schema<StreamError> schema() {
        return SCHEMA;
    }

    public Condition getCondition() {
        for (XmlElement child : xml.elements()) {
            if (child.namespace().equals(NAMESPACE) && !child.name().equals("text")) {
                return Condition.fromElementName(child.name());
            }
        }
        return Condition.UNDEFINED_CONDITION;
    }

    public @Nullable String getText() {
        return xml.childText("text", NAMESPACE);
    }

    /** For {@code see-other-host}: where to reconnect. */
    public @Nullable String getSeeOtherHost() {
        XmlElement e = xml.element("see-other-host", NAMESPACE);
        return e == null ? null : e.text();
    }

    @Override
    public String toString() {
        String text = getText();
        return getCondition().elementName() + (text == null ? "" : " (" + text + ")");
    }
}
