package org.xmppboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.jid.Jid;
import org.xmppboot.stream.Tls;

/**
 * A throwaway XMPP server on loopback for tests: {@link LocalProsody} or {@link LocalEjabberd}. Both serve the
 * same names, so a test written against this interface runs unchanged on either (see {@link XmppServerTest}):
 *
 * <ul>
 *   <li>{@link #DOMAIN}: accounts stored as SCRAM-SHA-1 hashes;</li>
 *   <li>{@link #SHA256_DOMAIN}: accounts stored as SCRAM-SHA-256 hashes, so it offers SCRAM-SHA-256;</li>
 *   <li>{@link #ANONYMOUS_DOMAIN}: SASL ANONYMOUS (RFC 4505) only;</li>
 *   <li>{@link #PERF_DOMAIN}: a host for throughput work;</li>
 *   <li>{@link #MUC_DOMAIN}: a XEP-0045 multi-user chat service, {@link #PUBSUB_DOMAIN}: XEP-0060 pubsub;</li>
 *   <li>{@link #COMPONENT_DOMAIN}: an XEP-0114 external component slot with {@link #componentSecret()}.</li>
 * </ul>
 *
 * Every port is on 127.0.0.1, c2s requires TLS with a self-signed certificate that {@link #sslContext()}
 * trusts, and there are no rate limits. {@link #close()} stops the server and deletes its folder.
 */
public interface LocalServer extends AutoCloseable {

    String DOMAIN = "localhost";
    String SHA256_DOMAIN = "sha256.localhost";
    String ANONYMOUS_DOMAIN = "anon.localhost";
    /** A host for throughput measurements (on Prosody without archiving, carbons or offline storage). */
    String PERF_DOMAIN = "perf.localhost";
    String MUC_DOMAIN = "conference.localhost";
    String PUBSUB_DOMAIN = "pubsub.localhost";
    String COMPONENT_DOMAIN = "bot.localhost";

    /** Which server this is: {@code "prosody"} or {@code "ejabberd"}, for display names and assumptions. */
    String name();

    /** Creates an account on {@link #DOMAIN}; it can log in at once. */
    default Jid createUser(String localpart, String password) {
        return createUser(Jid.of(localpart, DOMAIN, null), password);
    }

    /** Creates an account on any of the virtual hosts; it can log in at once. Returns the bare JID. */
    Jid createUser(Jid jid, String password);

    /** A client configuration pointed at {@link #c2sPort()}, trusting only this server, with no reconnection. */
    ClientConfig.Builder clientConfig(Jid jid, @Nullable String password);

    /** A configuration for the external component slot at {@link #COMPONENT_DOMAIN}. */
    ComponentConfig componentConfig();

    /** Trusts this server's self-signed certificate, and nothing else. */
    SSLContext sslContext();

    /** A trust manager for this server's certificate, for other libraries' configuration (Smack's, say). */
    default X509TrustManager trustManager() {
        try {
            return Tls.trustManager(certificate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address every listener is bound to: {@code 127.0.0.1}. */
    String host();

    /** The client port: plain TCP, then STARTTLS (RFC 6120 section 5), which the server requires. */
    int c2sPort();

    /** The XEP-0368 direct TLS client port: TLS from the first byte. */
    int directTlsPort();

    /** The XEP-0114 component port. */
    int componentPort();

    /** The secret of {@link #COMPONENT_DOMAIN}: random per server, never printed. */
    String componentSecret();

    /** The PEM certificate clients must trust. */
    Path certificate();

    /** How long starting took, from nothing to a server that accepts clients. */
    Duration startupTime();

    /** Whether the server process is still alive. */
    boolean isRunning();

    /** The tail of the server's log, for diagnosing a failed test. */
    String log();

    /** Stops the server, leaves no process behind and deletes its folder. Calling it again does nothing. */
    @Override
    void close();
}
