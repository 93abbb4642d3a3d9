package org.xmppboot.sasl;

/**
 * Channel-binding data of the TLS connection (RFC 5929, RFC 9266), for the SCRAM {@code -PLUS} mechanisms.
 *
 * @param type {@code tls-exporter} or {@code tls-server-end-point}
 * @param data the binding data for that type
 */
public record ChannelBinding(String type, byte[] data) {
}
