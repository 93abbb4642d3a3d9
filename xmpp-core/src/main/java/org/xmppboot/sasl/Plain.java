package org.xmppboot.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** PLAIN (RFC 4616). The password crosses the wire as is: the client offers it only over TLS. */
public final class Plain implements SaslMechanism {

    private final Credentials credentials;

    public Plain(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public byte[] initialResponse() {
        String authzid = credentials.authzid() == null ? "" : credentials.authzid();
        String password = Objects.requireNonNull(credentials.password(), "PLAIN needs a password");
        return (authzid + '\0' + Scram.saslPrep(credentials.username()) + '\0' + Scram.saslPrep(password))
                .getBytes(StandardCharsets.UTF_8);
    }
}
