package org.xmppboot.sasl;

import org.jspecify.annotations.Nullable;

/** The TLS layer under a stream, as far as SCRAM channel binding goes (RFC 5929, RFC 9266). */
public interface ChannelBindings {

    /** The negotiated TLS protocol, such as {@code TLSv1.3}. */
    String protocol();

    /** The binding data of this type ({@code tls-exporter}, ...), or null when it cannot be produced here. */
    @Nullable ChannelBinding binding(String type);
}
