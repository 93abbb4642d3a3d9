package org.xmppboot.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sm.StreamManagementConfig;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.Tls;

/**
 * What a {@link ClientXMPP} connects with. Immutable; start from {@link #builder(Jid, String)}.
 * {@link #toString()} never shows the password.
 *
 * @param jid the account; its resource, if any, is the one asked for at bind
 * @param password null for mechanisms that need none (ANONYMOUS, EXTERNAL)
 * @param host the server to connect to; null to look it up by DNS SRV (or, with a port, the JID's domain)
 * @param port the port to connect to, at {@code host} or else the JID's domain (no DNS SRV lookup then); 0 for
 *     the default (5222, or 5223 for direct TLS, with a host; DNS SRV without)
 * @param tls how to secure the connection
 * @param sslContext the trust (and client keys, for EXTERNAL) for TLS
 * @param connectTimeout how long one TCP connect may take
 * @param mechanisms the SASL mechanisms allowed, strongest first; empty for all supported
 * @param retryWithoutChannelBinding whether, when the server refuses a SCRAM {@code -PLUS} login whose binding
 *     type it never announced (XEP-0440) but that the TLS version makes the default, to authenticate once more
 *     without binding. On by default: servers exist that offer {@code -PLUS} and accept only a type Java cannot
 *     produce. Off, such a server refuses the login; announced types are never retried either way.
 * @param fetchRoster whether to fetch the roster before {@code session_start}
 * @param sendInitialPresence whether to send available presence before {@code session_start}
 * @param reconnect when to try again after a failed attempt or a lost session
 * @param streamManagement whether and how to use stream management (XEP-0198), resumption included
 * @param stream the stream's threads, queue and limits
 */
public record ClientConfig(
        Jid jid,
        @Nullable String password,
        @Nullable String host,
        int port,
        TlsMode tls,
        SSLContext sslContext,
        Duration connectTimeout,
        List<String> mechanisms,
        boolean retryWithoutChannelBinding,
        boolean fetchRoster,
        boolean sendInitialPresence,
        ReconnectPolicy reconnect,
        StreamManagementConfig streamManagement,
        StreamConfig stream) {

    /** The SASL mechanisms this client implements, strongest first. */
    public static final List<String> SUPPORTED_MECHANISMS = List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS",
            "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "EXTERNAL", "ANONYMOUS");

    public ClientConfig {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(streamManagement, "streamManagement");
        Objects.requireNonNull(stream, "stream");
        mechanisms = List.copyOf(mechanisms);
        for (String mechanism : mechanisms) {
            if (!SUPPORTED_MECHANISMS.contains(mechanism)) {
                throw new IllegalArgumentException("Unsupported SASL mechanism " + mechanism + "; supported: "
                        + SUPPORTED_MECHANISMS);
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }

    }

    public static Builder builder(Jid jid, @Nullable String password) {
        return new Builder(jid, password);
    }

    public static Builder builder(String jid, @Nullable String password) {
        return new Builder(Jid.of(jid), password);
    }

    @Override
    public String toString() {
        return "ClientConfig[jid=" + jid + ", password=" + (password == null ? "none" : "******") + ", host=" + host
                + ", port=" + port + ", tls=" + tls + ", mechanisms=" + mechanisms + ", reconnect=" + reconnect
                + ", streamManagement=" + streamManagement + "]";
    }

    /** A builder holding every setting of this configuration, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(jid, password).host(host, port).tls(tls).sslContext(sslContext)
                .connectTimeout(connectTimeout).retryWithoutChannelBinding(retryWithoutChannelBinding)
                .fetchRoster(fetchRoster).sendInitialPresence(sendInitialPresence).reconnect(reconnect)
                .streamManagement(streamManagement).stream(stream);
        b.mechanisms = mechanisms;
        return b;
    }

    /** Builds a {@link ClientConfig}; every setting but the account has a default. */
    public static final class Builder {
        private final Jid jid;
        private final @Nullable String password;
        private @Nullable String host;
        private int port;
        private TlsMode tls = TlsMode.REQUIRED;
        private @Nullable SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private List<String> mechanisms = List.of();
        private boolean retryWithoutChannelBinding = true;
        private boolean fetchRoster = true;
        private boolean sendInitialPresence = true;
        private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
        private StreamManagementConfig streamManagement = StreamManagementConfig.DEFAULT;
        private @Nullable StreamConfig stream;

        private Builder(Jid jid, @Nullable String password) {
            this.jid = jid;
            this.password = password;
        }

        public Builder host(@Nullable String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        public Builder tls(TlsMode tls) {
            this.tls = tls;
            return this;
        }

        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder mechanisms(String... mechanisms) {
            this.mechanisms = List.of(mechanisms);
            return this;
        }

        /** See {@link ClientConfig#retryWithoutChannelBinding()}; true by default. */
        public Builder retryWithoutChannelBinding(boolean retry) {
            this.retryWithoutChannelBinding = retry;
            return this;
        }

        public Builder fetchRoster(boolean fetchRoster) {
            this.fetchRoster = fetchRoster;
            return this;
        }

        public Builder sendInitialPresence(boolean sendInitialPresence) {
            this.sendInitialPresence = sendInitialPresence;
            return this;
        }

        /** See {@link ClientConfig#reconnect()}; {@link ReconnectPolicy#DEFAULT} by default. */
        public Builder reconnect(ReconnectPolicy reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        /** See {@link StreamManagementConfig}; on, with resumption, by default. */
        public Builder streamManagement(StreamManagementConfig streamManagement) {
            this.streamManagement = streamManagement;
            return this;
        }

        public Builder stream(StreamConfig stream) {
            this.stream = stream;
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(jid, password, host, port, tls,
                    sslContext != null ? sslContext : Tls.systemDefault(), connectTimeout, mechanisms,
                    retryWithoutChannelBinding, fetchRoster,
                    sendInitialPresence, reconnect, streamManagement,
                    stream != null ? stream : StreamConfig.defaults().withName(jid.bare().toString()));
        }
    }
}
