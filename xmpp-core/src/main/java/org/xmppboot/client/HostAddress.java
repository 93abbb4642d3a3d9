package org.xmppboot.client;

/**
 * Where to open a TCP connection.
 *
 * @param directTls whether TLS starts at once (XEP-0368) rather than by STARTTLS
 */
public record HostAddress(String host, int port, boolean directTls) {

    @Override
    public String toString() {
        return host + ":" + port + (directTls ? " (direct TLS)" : "");
    }
}
