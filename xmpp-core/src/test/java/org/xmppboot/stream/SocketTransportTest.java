package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppboot.stream.ServerIdentityTest.NOT_A_DOMAIN;
import static org.xmppboot.stream.ServerIdentityTest.SRV;
import static org.xmppboot.stream.ServerIdentityTest.XMPP_ADDR;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS against a local TLS server whose certificate the client trusts: only the name decides. */
class SocketTransportTest {

    @TempDir
    Path dir;

    @Test
    void aCertificateNamingTheDomainOnlyByXmppAddrIsAccepted() throws Exception {
        assertThat(handshake(ServerIdentityTest.selfSigned(dir, NOT_A_DOMAIN, XMPP_ADDR + "example.org")))
                .isEqualTo("secure");
    }

    @Test
    void aCertificateNamingTheDomainOnlyBySrvIdIsAccepted() throws Exception {
        assertThat(handshake(ServerIdentityTest.selfSigned(dir, NOT_A_DOMAIN, SRV + "_xmpp-client.example.org")))
                .isEqualTo("secure");
    }

    @Test
    void aCertificateForAnotherDomainIsRefusedAndTheSocketClosed() throws Exception {
        Path other = ServerIdentityTest.selfSigned(dir, NOT_A_DOMAIN, "DNS:example.net", XMPP_ADDR + "example.net");
        assertThat(handshake(other)).isEqualTo(SSLPeerUnverifiedException.class.getName()
                + ": The server's certificate does not name the XMPP domain example.org (RFC 6120 §13.7.1.2,"
                + " RFC 7590 §3.2): it names DNS:example.net, XmppAddr:example.net / server saw end of stream");
    }

    @Test
    void chainValidationStaysOn() throws Exception {
        Path served = ServerIdentityTest.selfSigned(dir, NOT_A_DOMAIN, XMPP_ADDR + "example.org");
        Path trusted = ServerIdentityTest.selfSigned(dir, NOT_A_DOMAIN, XMPP_ADDR + "example.org");
        assertThat(handshake(served, trusted)).startsWith("java.io.IOException: TLS handshake failed: ")
                .contains("PKIX path");
    }

    @Test
    void aServerThatStopsMidHandshakeIsGivenUpOnWithinTheConnectTimeout() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SocketTransport transport = SocketTransport.connect("127.0.0.1", server.getLocalPort(),
                    Duration.ofMillis(300));
            try (java.net.Socket accepted = server.accept()) {
                // The server reads the ClientHello and answers nothing.
                long start = System.nanoTime();
                assertThatThrownBy(() -> transport.startTls(Tls.systemDefault(), "example.org", null))
                        .hasMessageContaining("not finished within 300 ms");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(transport.socket().isClosed()).isTrue();
            } finally {
                transport.close();
            }
        }
    }

    private static String handshake(Path certificate) throws Exception {
        return handshake(certificate, certificate);
    }

    /**
     * Serves one TLS connection with {@code certificate} and runs {@code startTls} for example.org against it,
     * trusting exactly {@code trusted}. "secure", or the client's exception and what the server then read.
     */
    private static String handshake(Path certificate, Path trusted) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) TestTls.serverContext(certificate).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.startHandshake();
                    // The client refuses a wrong name before sending anything: the next read ends the stream.
                    return accepted.getInputStream().read() < 0 ? "end of stream" : "data";
                } catch (Exception e) {
                    return e.toString();
                }
            });
            SocketTransport transport = SocketTransport.connect("127.0.0.1", server.getLocalPort(),
                    Duration.ofSeconds(5));
            try {
                transport.startTls(Tls.trusting(trusted), "example.org", null);
                assertThat(transport.isSecure()).isTrue();
                return "secure";
            } catch (Exception e) {
                assertThat(transport.socket().isClosed()).isTrue();
                return e + " / server saw " + served.get(10, TimeUnit.SECONDS);
            } finally {
                transport.close();
            }
        }
    }
}
