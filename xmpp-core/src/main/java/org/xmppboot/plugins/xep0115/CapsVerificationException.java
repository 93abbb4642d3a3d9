package org.xmppboot.plugins.xep0115;

/** An entity's {@code disco#info} answer does not hash to the verification string it announced (§5.4). */
public class CapsVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CapsVerificationException(String message) {
        super(message);
    }
}
