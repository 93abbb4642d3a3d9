package org.xmppboot.plugins.xep0191;

import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.xml.XmlElement;

/**
 * The application condition {@code <blocked xmlns='urn:xmpp:blocking:errors'/>} that a server adds to the
 * {@code not-acceptable} error it returns for a stanza we sent to a JID we block (XEP-0191 §5.3): reachable as
 * {@code error.get("blocked")}.
 */
public final class BlockedError extends ElementBase {

    public static final String NAMESPACE = "urn:xmpp:blocking:errors";

    public static final Schema<BlockedError> SCHEMA = Schema.builder("blocked", NAMESPACE, BlockedError::new).build();

    static {
        StanzaError.SCHEMA.registerExtension(SCHEMA);
    }

    public BlockedError(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<BlockedError> schema() {
        return SCHEMA;
    }

    /** Whether an error stanza says it was refused because we block its addressee. */
    public static boolean isBlocked(@Nullable StanzaBase stanza) {
        StanzaError error = stanza == null || !"error".equals(stanza.getType()) ? null : stanza.getError();
        return error != null && error.hasExtension(SCHEMA);
    }

    /** Whether an iq future's failure is such an error (a {@link StanzaErrorException}, possibly wrapped). */
    public static boolean isBlocked(@Nullable Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof StanzaErrorException e && isBlocked(e.stanza());
    }
}
