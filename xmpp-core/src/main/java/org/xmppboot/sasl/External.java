package org.xmppboot.sasl;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/** EXTERNAL (RFC 4422 Appendix A): the identity comes from the TLS client certificate. */
public final class External implements SaslMechanism {

    private final @Nullable String authzid;

    public External(@Nullable String authzid) {
        this.authzid = authzid;
    }

    @Override
    public String name() {
        return "EXTERNAL";
    }

    @Override
    public byte[] initialResponse() {
        // RFC 6120 §6.4.2: an empty response ("=") asks the server to derive the identity itself.
        return authzid == null ? new byte[0] : authzid.getBytes(StandardCharsets.UTF_8);
    }
}
