package org.xmppboot.component;

import java.io.IOException;
import java.net.InetAddress;
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
 * @param reconnect when to try again after a failed attempt or a lost session
 * @param stream the stream's threads, queue and limits
 * @param replicaId names this connection among several for the same domain (replicas of one bot, which a server
 *     such as ejabberd routes between), in logs and {@code connectionDetails()}; by default the host name and the
 *     process id
 */
public record ComponentConfig(Jid domain, String secret, String host, int port, Duration connectTimeout,
        ReconnectPolicy reconnect, StreamConfig stream, String replicaId) {

    /** Makes a config with the {@linkplain #defaultReplicaId() default replica id}. */
    public ComponentConfig(Jid domain, String secret, String host, int port, Duration connectTimeout,
            ReconnectPolicy reconnect, StreamConfig stream) {
        this(domain, secret, host, port, connectTimeout, reconnect, stream, defaultReplicaId());
    }

    public ComponentConfig {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(replicaId, "replicaId");

        if (domain.local() != null || domain.resource() != null) {
            throw new IllegalArgumentException("A component domain is a bare domain, not " + domain);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    public static ComponentConfig of(String domain, String secret, String host, int port) {
        Jid jid = Jid.of(domain);
        return new ComponentConfig(jid, secret, host, port, Duration.ofSeconds(10), ReconnectPolicy.DEFAULT,
                StreamConfig.defaults().withName(jid.toString()));
    }

    public ComponentConfig withReplicaId(String replicaId) {
        return new ComponentConfig(domain, secret, host, port, connectTimeout, reconnect, stream, replicaId);
    }

    /**
     * This machine's host name and this process's id, such as {@code bot-7d9f-1234}: unique among replicas on
     * different machines or in different processes. The name comes from {@code HOSTNAME} (set in containers and
     * most shells) or, failing that, the JDK, which may ask the DNS.
     */
    public static String defaultReplicaId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    public ComponentConfig withStream(StreamConfig stream) {
        return new ComponentConfig(domain, secret, host, port, connectTimeout, reconnect, stream, replicaId);
    }

    public ComponentConfig withReconnect(ReconnectPolicy reconnect) {
        return new ComponentConfig(domain, secret, host, port, connectTimeout, reconnect, stream, replicaId);
    }

    public ComponentConfig withConnectTimeout(Duration connectTimeout) {
        return new ComponentConfig(domain, secret, host, port, connectTimeout, reconnect, stream, replicaId);
    }

    @Override
    public String toString() {
        return "ComponentConfig[domain=" + domain + ", secret=******, host=" + host + ", port=" + port
                + ", replicaId=" + replicaId + "]";
    }
}
