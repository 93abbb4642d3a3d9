package org.xmppboot.component;

import java.time.Duration;
import java.util.Objects;

import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stream.StreamConfig;

/**
 * What a {@link ComponentXMPP} connects with. {@link #toString()} never shows the secret.
 *
 * @param domain the component's domain, such as {@code bot.example.com}
 * @param secret the shared secret configured for it on the server
 * @param host the server's component port host
 * @param port the server's component port (Prosody and ejabberd use 5347 by default)
 * @param connectTimeout how long the TCP connect may take
 * @param negotiationTimeout how long the server may take to accept the handshake before the connection is given
 *     up on, and the reconnect policy applies
 * @param reconnect when to try again after a failed attempt or a lost session
 * @param stream the stream's threads, queue and limits
 */
public record ComponentConfig(Jid domain, String secret, String host, int port, Duration connectTimeout,
        Duration negotiationTimeout, ReconnectPolicy reconnect, StreamConfig stream) {

    public ComponentConfig {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(reconnect, "reconnect");
        if (negotiationTimeout.isNegative() || negotiationTimeout.isZero()) {
            throw new IllegalArgumentException("negotiationTimeout must be positive");
        }
        if (domain.local() != null || domain.resource() != null) {
            throw new IllegalArgumentException("A component domain is a bare domain, not " + domain);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    public static ComponentConfig of(String domain, String secret, String host, int port) {
        Jid jid = Jid.of(domain);
        return new ComponentConfig(jid, secret, host, port, Duration.ofSeconds(10), Duration.ofSeconds(30),
                ReconnectPolicy.DEFAULT, StreamConfig.defaults().withName(jid.toString()));
    }

    public ComponentConfig withStream(StreamConfig stream) {
        return new ComponentConfig(domain, secret, host, port, connectTimeout, negotiationTimeout, reconnect, stream);
    }

    public ComponentConfig withReconnect(ReconnectPolicy reconnect) {
        return new ComponentConfig(domain, secret, host, port, connectTimeout, negotiationTimeout, reconnect, stream);
    }

    public ComponentConfig withTimeouts(Duration connectTimeout, Duration negotiationTimeout) {
        return new ComponentConfig(domain, secret, host, port, connectTimeout, negotiationTimeout, reconnect, stream);
    }

    @Override
    public String toString() {
        return "ComponentConfig[domain=" + domain + ", secret=******, host=" + host + ", port=" + port + "]";
    }
}
