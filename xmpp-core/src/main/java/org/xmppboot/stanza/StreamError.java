package org.xmppboot.stanza;

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

        private static final ConditionNames<Condition> NAMES =
                new ConditionNames<>(values(), NAMESPACE, UNDEFINED_CONDITION);

        /** The element name, e.g. {@code policy-violation}. */
        public String elementName() {
            return NAMES.elementName(this);
        }

        /** The condition with this element name, or {@link #UNDEFINED_CONDITION}. */
        public static Condition fromElementName(String name) {
            return NAMES.fromElementName(name);
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
        return Condition.NAMES.read(xml);
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
