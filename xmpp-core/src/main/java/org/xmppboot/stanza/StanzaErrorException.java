package org.xmppboot.stanza;

import org.jspecify.annotations.Nullable;

/**
 * A stanza error as an exception: what an iq future fails with when the response is an error, and what a
 * handler throws to answer a request with a specific error.
 */
public class StanzaErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StanzaError.Condition condition;
    private final @Nullable String text;
    private final transient @Nullable StanzaBase stanza;

    /** For a handler: answer the request with this condition and text. */
    public StanzaErrorException(StanzaError.Condition condition, @Nullable String text) {
        super(condition.elementName() + (text == null ? "" : ": " + text));
        this.condition = condition;
        this.text = text;
        this.stanza = null;
    }

    /** For a received error stanza. */
    public StanzaErrorException(StanzaBase errorStanza) {
        super(describe(errorStanza));
        StanzaError error = errorStanza.getError();
        this.condition = error == null ? StanzaError.Condition.UNDEFINED_CONDITION : error.getCondition();
        this.text = error == null ? null : error.getText();
        this.stanza = errorStanza;
    }

    private static String describe(StanzaBase stanza) {
        StanzaError error = stanza.getError();
        return "<" + stanza.xml().name() + " id='" + stanza.getId() + "'> from " + stanza.xml().attribute("from")
                + " returned " + (error == null ? "an error without <error/>" : error.toString());
    }

    public StanzaError.Condition condition() {
        return condition;
    }

    public @Nullable String text() {
        return text;
    }

    /** The error stanza received, or null for a handler-thrown error. */
    public @Nullable StanzaBase stanza() {
        return stanza;
    }
}
