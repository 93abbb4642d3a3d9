package org.xmppboot.features;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.sasl.Credentials;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.sasl.SaslMechanism;
import org.xmppboot.xml.XmlElement;

/**
 * SASL authentication (RFC 6120 §6): chooses a mechanism with {@link SaslSelector}, runs the exchange, verifies
 * the server's final message, and restarts the stream on success.
 *
 * <p>When the server refuses a {@code -PLUS} login whose binding type was assumed rather than announced, it
 * authenticates once more without binding, if allowed (see {@link SaslSelector}).
 */
public final class SaslFeature implements StreamFeature {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-sasl";
    /** XEP-0440: the channel-binding types the server accepts. */
    public static final String CHANNEL_BINDING_NAMESPACE = "urn:xmpp:sasl-cb:0";

    private static final Logger log = LoggerFactory.getLogger(SaslFeature.class);

    private final SaslSelector selector;
    private final boolean retryWithoutBinding;

    // The exchange under way on the current connection.
    private @Nullable SaslMechanism mechanism;
    private @Nullable XmlElement advertised;
    private boolean bindingAssumed;
    private boolean bindingRefused;

    /**
     * SASL for an account: the configured mechanisms, or by default the password mechanisms (SCRAM, then PLAIN)
     * with a password, ANONYMOUS for a domain-only JID, and EXTERNAL (a client certificate) otherwise.
     *
     * @param localpart the account's localpart, or null for anonymous login
     */
    public static SaslFeature forAccount(@Nullable String localpart, @Nullable String password, List<String> configured,
            boolean retryWithoutBinding) {
        List<String> allowed = !configured.isEmpty() ? configured
                : password != null ? SaslSelector.PASSWORD_MECHANISMS
                : localpart == null ? List.of("ANONYMOUS") : List.of("EXTERNAL");
        return new SaslFeature(localpart == null ? "" : localpart, password, allowed, retryWithoutBinding);
    }

    /**
     * @param username the account's localpart ("" for none)
     * @param password null for mechanisms that need none
     * @param allowed the mechanisms to use, strongest first
     * @param retryWithoutBinding whether to retry once without binding after an assumed binding is refused
     */
    public SaslFeature(String username, @Nullable String password, List<String> allowed,
            boolean retryWithoutBinding) {
        this.selector = new SaslSelector(allowed, new Credentials(username, password, null), password != null);
        this.retryWithoutBinding = retryWithoutBinding;
    }

    @Override
    public String name() {
        return "sasl";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public Set<String> namespaces() {
        return Set.of(NAMESPACE);
    }

    @Override
    public void reset() {
        mechanism = null;
        advertised = null;
        bindingAssumed = false;
        bindingRefused = false;
    }

    @Override
    public Outcome negotiate(XmlElement features, Negotiation negotiation) {
        if (negotiation.isAuthenticated()) {
            return Outcome.SKIPPED;
        }
        advertised = features;
        start(features, negotiation);
        return Outcome.PENDING;
    }

    private void start(XmlElement features, Negotiation negotiation) {
        XmlElement mechanisms = features.element("mechanisms", NAMESPACE);
        Set<String> offered = new LinkedHashSet<>();
        if (mechanisms != null) {
            for (XmlElement m : mechanisms.elements("mechanism", NAMESPACE)) {
                offered.add(m.text().trim());
            }
        }
        SaslSelector.Choice choice = selector.choose(offered, announcedBindings(features), negotiation.channelBindings(),
                negotiation.isSecure(), !bindingRefused);
        if (choice == null) {
            negotiation.authenticationFailed(new SaslException("invalid-mechanism", "No usable SASL mechanism: the "
                    + "server offers " + offered + ", this client allows " + selector.allowed()
                    + (negotiation.isSecure() ? "" : " (PLAIN only over TLS)")));
            return;
        }
        SaslMechanism chosen = choice.mechanism();
        byte[] initial;
        try {
            initial = chosen.initialResponse();
        } catch (SaslException e) {
            negotiation.authenticationFailed(e);
            return;
        } catch (IllegalArgumentException e) {
            // SASLprep refused the credentials (a control character in the password, say).
            negotiation.authenticationFailed(new SaslException("malformed-request", e.getMessage()));
            return;
        }
        mechanism = chosen;
        bindingAssumed = choice.bindingAssumed();
        XmlElement auth = new XmlElement("auth", NAMESPACE).setAttribute("mechanism", chosen.name());
        // RFC 6120 §6.4.2: an empty initial response is sent as "=".
        auth.setText(initial.length == 0 ? "=" : Base64.getEncoder().encodeToString(initial));
        log.debug("[{}] authenticating with {}", negotiation.name(), choice.reason());
        negotiation.send(auth);
    }

    /** XEP-0440: the channel-binding types the server accepts, or null when it does not say. */
    private static @Nullable List<String> announcedBindings(XmlElement features) {
        XmlElement cb = features.element("sasl-channel-binding", CHANNEL_BINDING_NAMESPACE);
        if (cb == null) {
            return null;
        }
        List<String> types = new ArrayList<>();
        for (XmlElement type : cb.elements("channel-binding", CHANNEL_BINDING_NAMESPACE)) {
            String name = type.attribute("type");
            if (name != null) {
                types.add(name);
            }
        }
        return types;
    }

    @Override
    public void receive(XmlElement element, Negotiation negotiation) {
        SaslMechanism current = mechanism;
        if (current == null) {
            negotiation.fail("<" + element.name() + "/> from the server outside SASL authentication", null);
            return;
        }
        try {
            switch (element.name()) {
                case "challenge" -> {
                    XmlElement reply = new XmlElement("response", NAMESPACE);
                    reply.setText(Base64.getEncoder().encodeToString(evaluate(current, decode(element.text()))));
                    negotiation.send(reply);
                }
                case "success" -> {
                    current.verifySuccess(decode(element.text()));
                    mechanism = null;
                    log.debug("[{}] authenticated with {}", negotiation.name(), current.name());
                    negotiation.authenticated(current.name());
                    negotiation.restart();
                }
                case "failure" -> {
                    mechanism = null;
                    SaslException failure = failure(element);
                    if (!retryWithoutBinding(current, failure, negotiation)) {
                        throw failure;
                    }
                }
                default -> throw new SaslException("malformed-request", "Unexpected <" + element.name() + "/>");
            }
        } catch (SaslException e) {
            mechanism = null;
            negotiation.authenticationFailed(e);
        }
    }

    /** RFC 6120 §6.5: the condition is the failure's first child other than {@code <text/>}. */
    private static SaslException failure(XmlElement element) {
        String condition = "not-authorized";
        for (XmlElement child : element.elements()) {
            if (!child.name().equals("text")) {
                condition = child.name();
                break;
            }
        }
        return new SaslException(condition, element.childText("text", NAMESPACE));
    }

    /**
     * After a {@code -PLUS} login whose binding type was assumed, not announced, was refused: the server may offer
     * {@code -PLUS} without accepting the type (ejabberd 23.01 accepts only tls-unique), so authenticate once more
     * without binding, on the same stream (RFC 6120 §6.4.5 lets the client retry).
     */
    private boolean retryWithoutBinding(SaslMechanism refused, SaslException failure, Negotiation negotiation) {
        XmlElement features = advertised;
        if (!bindingAssumed || bindingRefused || features == null || !retryWithoutBinding) {
            return false;
        }
        bindingRefused = true;
        log.info("[{}] the server refused {} with a channel binding it did not announce ({}); authenticating again "
                + "without channel binding (ClientConfig.retryWithoutChannelBinding(false) disables this)",
                negotiation.name(), refused.name(), failure.getMessage());
        start(features, negotiation);
        return true;
    }

    private static byte[] evaluate(SaslMechanism mechanism, byte[] challenge) throws SaslException {
        try {
            return mechanism.evaluateChallenge(challenge);
        } catch (IllegalArgumentException e) {
            // SASLprep refused the credentials (a control character in the password, say).
            throw new SaslException("malformed-request", e.getMessage());
        }
    }

    private static byte[] decode(String text) throws SaslException {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new SaslException("incorrect-encoding", "The server sent invalid base64");
        }
    }
}
