package org.xmppboot.stanza;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/** The {@code <error/>} child of an error stanza (RFC 6120 §8.3). */
public final class StanzaError extends ElementBase {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";

    /** RFC 6120 §8.3.2. */
    public enum Type {
        AUTH, CANCEL, CONTINUE, MODIFY, WAIT;

        private final String value = name().toLowerCase(Locale.ROOT);

        public String value() {
            return value;
        }
    }

    /** The defined conditions of RFC 6120 §8.3.3, each with the error type the RFC shows it with. */
    public enum Condition {
        BAD_REQUEST(Type.MODIFY),
        CONFLICT(Type.CANCEL),
        FEATURE_NOT_IMPLEMENTED(Type.CANCEL),
        FORBIDDEN(Type.AUTH),
        GONE(Type.CANCEL),
        INTERNAL_SERVER_ERROR(Type.CANCEL),
        ITEM_NOT_FOUND(Type.CANCEL),
        JID_MALFORMED(Type.MODIFY),
        NOT_ACCEPTABLE(Type.MODIFY),
        NOT_ALLOWED(Type.CANCEL),
        NOT_AUTHORIZED(Type.AUTH),
        POLICY_VIOLATION(Type.MODIFY),
        RECIPIENT_UNAVAILABLE(Type.WAIT),
        REDIRECT(Type.MODIFY),
        REGISTRATION_REQUIRED(Type.AUTH),
        REMOTE_SERVER_NOT_FOUND(Type.CANCEL),
        REMOTE_SERVER_TIMEOUT(Type.WAIT),
        RESOURCE_CONSTRAINT(Type.WAIT),
        SERVICE_UNAVAILABLE(Type.CANCEL),
        SUBSCRIPTION_REQUIRED(Type.AUTH),
        UNDEFINED_CONDITION(Type.CANCEL),
        UNEXPECTED_REQUEST(Type.WAIT);

        private static final ConditionNames<Condition> NAMES =
                new ConditionNames<>(values(), NAMESPACE, UNDEFINED_CONDITION);

        private final Type defaultType;

        Condition(Type defaultType) {
            this.defaultType = defaultType;
        }

        public Type defaultType() {
            return defaultType;
        }

        /** The element name, e.g. {@code service-unavailable}. */
        public String elementName() {
            return NAMES.elementName(this);
        }

        /** The condition with this element name, or {@link #UNDEFINED_CONDITION}. */
        public static Condition fromElementName(String name) {
            return NAMES.fromElementName(name);
        }
    }

    public static final Schema<StanzaError> SCHEMA = Schema.builder("error", null, StanzaError::new)
            .attribute("type").attribute("by")
            .custom("condition",
                    e -> e.getCondition().elementName(),
                    (e, v) -> e.setCondition(Condition.fromElementName(String.valueOf(v))),
                    e -> e.xml().removeElements(e.getCondition().elementName(), NAMESPACE))
            .custom("text", StanzaError::getText, (e, v) -> e.setText(v == null ? null : v.toString()),
                    e -> e.setText(null))
            .build();

    public StanzaError(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<StanzaError> schema() {
        return SCHEMA;
    }

    /** The defined condition; {@link Condition#UNDEFINED_CONDITION} if missing or unknown. */
    public Condition getCondition() {
        return Condition.NAMES.read(xml);
    }

    public StanzaError setCondition(Condition condition) {
        for (XmlElement child : xml.elements()) {
            if (child.namespace().equals(NAMESPACE) && !child.name().equals("text")) {
                xml.removeChild(child);
            }
        }
        // The condition comes first, before <text/> and application-specific elements (RFC 6120 §8.3.2).
        XmlElement element = new XmlElement(condition.elementName(), NAMESPACE);
        java.util.List<XmlElement> rest = xml.elements();
        xml.clearChildren();
        xml.addChild(element);
        rest.forEach(xml::addChild);
        return this;
    }

    public @Nullable Type getErrorType() {
        String type = xml.attribute("type");
        if (type != null) {
            for (Type t : Type.values()) {
                if (t.value().equals(type)) {
                    return t;
                }
            }
        }
        return null;
    }

    public StanzaError setType(Type type) {
        xml.setAttribute("type", type.value());
        return this;
    }

    public @Nullable String getText() {
        return xml.childText("text", NAMESPACE);
    }

    public StanzaError setText(@Nullable String text) {
        setChildText("text", NAMESPACE, text);
        return this;
    }

    /** The first application-specific condition element (RFC 6120 §8.3.2), or null. */
    public @Nullable XmlElement getApplicationCondition() {
        for (XmlElement child : xml.elements()) {
            if (!child.namespace().equals(NAMESPACE)) {
                return child;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        String text = getText();
        return getCondition().elementName() + (text == null ? "" : " (" + text + ")");
    }
}
