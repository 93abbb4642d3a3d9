package org.xmppboot.spring.autoconfigure;

/** An {@code xmpp.*} property is missing or wrong; start-up fails with a message naming it. */
public class InvalidXmppPropertyException extends RuntimeException {

    private final String property;
    private final String action;

    public InvalidXmppPropertyException(String property, String problem, String action) {
        super(property + ": " + problem);
        this.property = property;
        this.action = action;
    }

    public String property() {
        return property;
    }

    public String action() {
        return action;
    }
}
