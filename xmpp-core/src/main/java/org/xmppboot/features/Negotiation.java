package org.xmppboot.features;

import java.io.IOException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.sasl.ChannelBindings;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/**
 * What a {@link StreamFeature} may do with the connection it negotiates for: the narrow view a client gives its
 * features, so a feature never reaches into the client itself. Called on the read thread.
 */
public interface Negotiation {

    /** The connection's name, for logs. */
    String name();

    /** The XMPP domain and the address connected to, for messages. */
    String serverDescription();

    /** Whether the stream is encrypted. */
    boolean isSecure();

    /** What the TLS layer under the stream offers for channel binding; null without TLS. */
    @Nullable ChannelBindings channelBindings();

    /** Whether SASL has succeeded on this connection. */
    boolean isAuthenticated();

    /** Whether a resource is bound on this connection. */
    boolean isBound();

    /** Writes a negotiation element now, ahead of any held application stanzas. */
    void send(XmlElement element);

    /**
     * Sends an iq and calls {@code onResult} with its result; an error response fails the negotiation, naming
     * {@code step}. The response is let through before the session.
     */
    void sendIq(String step, Iq.Type type, XmlElement payload, Consumer<Iq> onResult);

    /** Puts TLS under the stream (after {@code <proceed/>}), then restarts the stream over it (RFC 6120 §5.4.3.3). */
    void startTls() throws IOException;

    /** Restarts the stream (RFC 6120 §4.3.3): after SASL success, say. New features follow. */
    void restart();

    /** SASL succeeded with this mechanism. */
    void authenticated(String mechanism);

    /** The server bound this full JID to the stream. */
    void bound(Jid jid);

    /** A {@link StreamFeature.Outcome#PENDING} feature is done: go on with the next one. */
    void proceed();

    /** Negotiation failed for good: the attempt fails with the message, and the stream closes. */
    void fail(String message, @Nullable Throwable cause);

    /**
     * Negotiation failed in a way that retrying cannot cure (our settings and the server's disagree): as
     * {@link #fail}, and the client does not reconnect.
     */
    void failPermanently(String message);

    /** Authentication failed for good: raises {@code failed_auth}, fails the attempt, and closes the stream. */
    void authenticationFailed(SaslException failure);
}
