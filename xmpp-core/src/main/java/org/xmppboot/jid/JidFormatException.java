package org.xmppboot.jid;

/** A string is not a valid JID; the message says which part is wrong and why. */
public class JidFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;

    public JidFormatException(String input, String problem) {
        super("Invalid JID '" + input + "': " + problem);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
