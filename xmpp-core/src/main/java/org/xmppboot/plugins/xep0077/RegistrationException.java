package org.xmppboot.plugins.xep0077;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * The server refused a registration, a password change or a cancellation, or the form asks for a field we
 * were not given. {@link #condition()} says why, as the server put it (XEP-0077 §3.1, §3.2, §3.3).
 */
public class RegistrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StanzaError.Condition condition;
    private final @Nullable String text;

    public RegistrationException(StanzaError.Condition condition, @Nullable String text, String message,
            @Nullable Throwable cause) {
        super(message, cause);
        this.condition = condition;
        this.text = text;
    }

    /** The server's refusal of {@code what} ("registering bill@example.com"), explained. */
    static RegistrationException refused(String what, StanzaErrorException error) {
        String text = error.text();
        return new RegistrationException(error.condition(), text,
                what + " refused: " + explain(error.condition()) + (text == null ? "" : " (" + text + ")"), error);
    }

    private static String explain(StanzaError.Condition condition) {
        return switch (condition) {
            case CONFLICT -> "the username is taken (conflict)";
            case NOT_ACCEPTABLE -> "a required field is missing or a value is not acceptable (not-acceptable)";
            case NOT_ALLOWED -> "the server does not allow it (not-allowed)";
            case BAD_REQUEST -> "the request is malformed or the username is invalid (bad-request)";
            case NOT_AUTHORIZED -> "the server wants more than it was given, or refuses us (not-authorized)";
            case SERVICE_UNAVAILABLE, FEATURE_NOT_IMPLEMENTED ->
                    "the server does not support in-band registration (" + condition.elementName() + ")";
            case RESOURCE_CONSTRAINT, POLICY_VIOLATION ->
                    "too many registrations, try later (" + condition.elementName() + ")";
            default -> condition.elementName();
        };
    }

    public StanzaError.Condition condition() {
        return condition;
    }

    /** The server's explanation, if it gave one. */
    public @Nullable String text() {
        return text;
    }
}
