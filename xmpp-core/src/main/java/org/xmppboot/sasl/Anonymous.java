package org.xmppboot.sasl;

/** ANONYMOUS (RFC 4505): the server assigns a temporary account. */
public final class Anonymous implements SaslMechanism {

    @Override
    public String name() {
        return "ANONYMOUS";
    }

    @Override
    public byte[] initialResponse() {
        return new byte[0];
    }
}
