package org.xmppboot.client;

/** How the client secures its connection. */
public enum TlsMode {
    /** STARTTLS, and a server that does not offer it is refused (the default). */
    REQUIRED,
    /** TLS from the first byte (XEP-0368), on the direct-TLS port (SRV {@code _xmpps-client}, else 5223). */
    DIRECT,
    /** STARTTLS when the server offers it, plaintext otherwise. Only for servers you control on a trusted network. */
    OPTIONAL
}
