package org.xmppboot.stanza;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.xml.XmlElement;

/**
 * A top-level element of the stream: the common ground of message, presence and iq (RFC 6120 §8.1), and also
 * what any other top-level element (stream features, SASL, an unregistered element) is wrapped in.
 */
public class StanzaBase extends ElementBase {

    /** The interfaces every stanza has: {@code to}, {@code from}, {@code id}, {@code type}, {@code lang}. */
    public static final Schema<StanzaBase> SCHEMA = commonInterfaces(Schema.builder(null, null, StanzaBase::new))
            .build();

    private @Nullable StanzaSender sender;

    public StanzaBase(XmlElement xml) {
        super(xml);
    }

    /** Adds the RFC 6120 §8.1 attributes to a stanza schema. */
    protected static <T extends StanzaBase> Schema.Builder<T> commonInterfaces(Schema.Builder<T> builder) {
        return builder.attribute("to").attribute("from").attribute("id").attribute("type")
                .attribute("lang", "xml:lang");
    }

    @Override
    public Schema<? extends StanzaBase> schema() {
        return SCHEMA;
    }

    /**
     * Whether a stanza class is registered for this element's {@code {namespace}name}; false for the generic
     * wrapper of a top-level element the stream does not know. Matchers without a namespace only match
     * registered stanzas, so a foreign {@code <message xmlns='urn:x'/>} never reaches a {@code message} handler.
     */
    public boolean isRegistered() {
        return schema().name() != null;
    }

    /** The stream this stanza was received on or made for; where its {@code send()} goes. */
    public @Nullable StanzaSender sender() {
        return sender;
    }

    public StanzaBase sender(@Nullable StanzaSender sender) {
        this.sender = sender;
        return this;
    }

    // ---------------------------------------------------------------- addressing

    /** The {@code to} address, or null if absent. */
    public @Nullable Jid getTo() {
        return jidAttribute("to");
    }

    public StanzaBase setTo(@Nullable Jid to) {
        xml.setAttribute("to", to == null ? null : to.toString());
        return this;
    }

    public StanzaBase setTo(String to) {
        return setTo(Jid.of(to));
    }

    /** The {@code from} address, or null if absent. */
    public @Nullable Jid getFrom() {
        return jidAttribute("from");
    }

    public StanzaBase setFrom(@Nullable Jid from) {
        xml.setAttribute("from", from == null ? null : from.toString());
        return this;
    }

    public StanzaBase setFrom(String from) {
        return setFrom(Jid.of(from));
    }

    private @Nullable Jid jidAttribute(String name) {
        String value = xml.attribute(name);
        return value == null ? null : Jid.of(value);
    }

    public @Nullable String getId() {
        return xml.attribute("id");
    }

    public StanzaBase setId(@Nullable String id) {
        xml.setAttribute("id", id);
        return this;
    }

    /** The raw {@code type} attribute; the stanza classes add typed accessors. */
    public @Nullable String getType() {
        return xml.attribute("type");
    }

    public StanzaBase setType(@Nullable String type) {
        xml.setAttribute("type", type);
        return this;
    }

    public @Nullable String getLang() {
        return xml.attribute("xml:lang");
    }

    /** The {@code <error/>} child of an error stanza, or null. */
    public @Nullable StanzaError getError() {
        XmlElement error = xml.element("error", xml.namespace());
        return error == null ? null : new StanzaError(error);
    }

    // ---------------------------------------------------------------- replies

    /**
     * A new stanza of the same kind addressed back to the sender: {@code to} and {@code from} swapped, the same
     * {@code id} (RFC 6120 §8.2.3 for iq; kept for messages and presences so replies can be correlated), no
     * payload. Subclasses refine this (iq becomes {@code result}, a message keeps its type and thread).
     */
    public StanzaBase reply() {
        StanzaBase reply = schema().wrap(new XmlElement(xml.name(), xml.namespace()));
        reply.xml.setAttribute("to", xml.attribute("from"));
        reply.xml.setAttribute("from", xml.attribute("to"));
        reply.xml.setAttribute("id", xml.attribute("id"));
        reply.sender = sender;
        return reply;
    }

    /**
     * An error reply to this stanza (RFC 6120 §8.3): addressed back, same id, {@code type='error'}, with the
     * condition's default error type and an optional human-readable text.
     */
    public StanzaBase error(StanzaError.Condition condition, @Nullable String text) {
        StanzaBase reply = reply();
        reply.xml.clearChildren();
        reply.setType("error");
        StanzaError error = new StanzaError(reply.xml.addElement("error", xml.namespace()));
        error.setType(condition.defaultType());
        error.setCondition(condition);
        if (text != null) {
            error.setText(text);
        }
        return reply;
    }

    /**
     * The stream to send on. {@link Message} and {@link Presence} expose {@code send()}; {@link Iq#send()}
     * returns the response, so the base class has no {@code send()} of its own.
     */
    protected final StanzaSender requireSender() {
        if (sender == null) {
            throw new IllegalStateException("This stanza belongs to no stream; send it with XMLStream.send()");
        }
        return sender;
    }

    @Override
    public StanzaBase copy() {
        StanzaBase copy = schema().wrap(xml.copy());
        copy.sender = sender;
        return copy;
    }
}
