package org.xmppboot.plugins.xep0050;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * A command refused with one of XEP-0050's own error conditions (§4.6), carried in the error as an
 * application-specific element next to the stanza error condition.
 */
public class CommandException extends StanzaErrorException {

    private static final long serialVersionUID = 1L;

    /** §4.6: the specific conditions, each with its general one. */
    public enum Reason {
        MALFORMED_ACTION("malformed-action", StanzaError.Condition.BAD_REQUEST),
        BAD_ACTION("bad-action", StanzaError.Condition.BAD_REQUEST),
        BAD_LOCALE("bad-locale", StanzaError.Condition.BAD_REQUEST),
        BAD_PAYLOAD("bad-payload", StanzaError.Condition.BAD_REQUEST),
        BAD_SESSIONID("bad-sessionid", StanzaError.Condition.BAD_REQUEST),
        SESSION_EXPIRED("session-expired", StanzaError.Condition.NOT_ALLOWED);

        private final String elementName;
        private final StanzaError.Condition condition;

        Reason(String elementName, StanzaError.Condition condition) {
            this.elementName = elementName;
            this.condition = condition;
        }

        public String elementName() {
            return elementName;
        }

        public StanzaError.Condition condition() {
            return condition;
        }

        /** The reason of that element name, or null. */
        public static @Nullable Reason fromElementName(String name) {
            for (Reason reason : values()) {
                if (reason.elementName.equals(name)) {
                    return reason;
                }
            }
            return null;
        }
    }

    private final Reason reason;

    public CommandException(Reason reason, @Nullable String text) {
        super(reason.condition(), text);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
