package org.xmppboot.sasl;

/**
 * One authentication exchange of one mechanism. Instances are single-use: the client creates one per attempt.
 */
public interface SaslMechanism {

    /** The IANA name, such as {@code SCRAM-SHA-256}. */
    String name();

    /** The initial response sent with {@code <auth/>}; an empty array is sent as {@code =}. */
    byte[] initialResponse() throws SaslException;

    /** Answers a server challenge. */
    default byte[] evaluateChallenge(byte[] challenge) throws SaslException {
        throw new SaslException("malformed-request", name() + " expects no challenge");
    }

    /**
     * Checks the additional data of {@code <success/>} (RFC 6120 §6.3.10); SCRAM verifies the server's signature
     * here, so a server that does not know the password cannot pretend to have accepted it.
     */
    default void verifySuccess(byte[] additionalData) throws SaslException {
    }
}
