package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates are made by openssl at test time, as a server operator would make them. */
class ServerIdentityTest {

    static final String XMPP_ADDR = "otherName:1.3.6.1.5.5.7.8.5;FORMAT:UTF8,UTF8:";
    static final String SRV = "otherName:1.3.6.1.5.5.7.8.7;IA5:";
    /** Not a domain: the HTTPS check falls back to the CN when there is no DNS-ID, so it must not match. */
    static final String NOT_A_DOMAIN = "XMPP test server";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    static Path dir;

    /**
     * A self-signed EC certificate (quick to make) with this subject CN and these subjectAltNames in openssl's
     * syntax ({@code DNS:name}, {@code otherName:oid;TYPE:value}); its key is beside it, {@code .key} for
     * {@code .crt}. The names go through a UTF-8 config file, not the command line, so that U-labels survive.
     */
    static Path selfSigned(Path dir, String commonName, String... altNames) throws Exception {
        String base = "cert" + COUNTER.incrementAndGet();
        StringBuilder config = new StringBuilder("[req]\ndistinguished_name = dn\nx509_extensions = ext\n"
                + "prompt = no\nutf8 = yes\nstring_mask = utf8only\n[dn]\nCN = " + commonName + "\n"
                + "[ext]\nsubjectKeyIdentifier = hash\n");
        if (altNames.length > 0) {
            config.append("subjectAltName = @alt\n[alt]\n");
            for (int i = 0; i < altNames.length; i++) {
                int colon = altNames[i].indexOf(':');
                config.append(altNames[i], 0, colon).append('.').append(i).append(" = ")
                        .append(altNames[i].substring(colon + 1)).append('\n');
            }
        }
        Files.writeString(dir.resolve(base + ".cnf"), config, StandardCharsets.UTF_8);
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-config", base + ".cnf", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", base + ".key", "-out", base + ".crt",
                "-days", "2").directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();
        return dir.resolve(base + ".crt");
    }

    static X509Certificate load(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static X509Certificate certificate(String... altNames) throws Exception {
        return load(selfSigned(dir, NOT_A_DOMAIN, altNames));
    }

    @Test
    void xmppAddrAloneNamesTheDomain() throws Exception {
        X509Certificate certificate = certificate(XMPP_ADDR + "example.org");
        assertThat(ServerIdentity.matches(certificate, "example.org")).isTrue();
        assertThat(ServerIdentity.matches(certificate, "example.net")).isFalse();
        assertThat(ServerIdentity.matches(certificate, "chat.example.org")).isFalse();
    }

    @Test
    void xmppAddrIsABareDomainWithoutWildcards() throws Exception {
        assertThat(ServerIdentity.matches(certificate(XMPP_ADDR + "admin@example.org"), "example.org")).isFalse();
        assertThat(ServerIdentity.matches(certificate(XMPP_ADDR + "example.org/server"), "example.org")).isFalse();
        assertThat(ServerIdentity.matches(certificate(XMPP_ADDR + "*.example.org"), "chat.example.org")).isFalse();
    }

    @Test
    void srvIdAloneNamesTheDomainForTheClientServiceOnly() throws Exception {
        assertThat(ServerIdentity.matches(certificate(SRV + "_xmpp-client.example.org"), "example.org")).isTrue();
        assertThat(ServerIdentity.matches(certificate(SRV + "_xmpps-client.example.org"), "example.org")).isTrue();
        assertThat(ServerIdentity.matches(certificate(SRV + "_xmpp-server.example.org"), "example.org")).isFalse();
        assertThat(ServerIdentity.matches(certificate(SRV + "_imap.example.org"), "example.org")).isFalse();
        assertThat(ServerIdentity.matches(certificate(SRV + "_xmpp-client.example.net"), "example.org")).isFalse();
        assertThat(ServerIdentity.matches(certificate(SRV + "example.org"), "example.org")).isFalse();
    }

    @Test
    void dnsIdMatchesExactlyOrByOneWholeLeftmostWildcardLabel() throws Exception {
        X509Certificate exact = certificate("DNS:example.org");
        assertThat(ServerIdentity.matches(exact, "example.org")).isTrue();
        assertThat(ServerIdentity.matches(exact, "chat.example.org")).isFalse();
        X509Certificate wildcard = certificate("DNS:*.example.org");
        assertThat(ServerIdentity.matches(wildcard, "chat.example.org")).isTrue();
        assertThat(ServerIdentity.matches(wildcard, "example.org")).isFalse();
        assertThat(ServerIdentity.matches(wildcard, "a.b.example.org")).isFalse();
        assertThat(ServerIdentity.matches(certificate("DNS:*.org"), "example.org")).isFalse();
        assertThat(ServerIdentity.matches(certificate("DNS:c*.example.org"), "chat.example.org")).isFalse();
        assertThat(ServerIdentity.matches(certificate("DNS:chat.*.org"), "chat.example.org")).isFalse();
    }

    @Test
    void aCertificateForAnotherDomainDoesNotMatch() throws Exception {
        X509Certificate other = certificate("DNS:example.net", XMPP_ADDR + "example.net",
                SRV + "_xmpp-client.example.net", "DNS:notexample.org", "DNS:example.org.evil.test");
        assertThat(ServerIdentity.matches(other, "example.org")).isFalse();
        assertThat(ServerIdentity.matches(other, "example.net")).isTrue();
    }

    @Test
    void theCommonNameIsNotUsed() throws Exception {
        assertThat(ServerIdentity.matches(load(selfSigned(dir, "example.org")), "example.org")).isFalse();
        assertThat(ServerIdentity.matches(load(selfSigned(dir, "example.org", "DNS:example.net")), "example.org"))
                .isFalse();
    }

    @Test
    void namesCompareCaseInsensitivelyAndWithoutATrailingDot() throws Exception {
        assertThat(ServerIdentity.matches(certificate("DNS:Chat.Example.ORG"), "chat.example.org")).isTrue();
        assertThat(ServerIdentity.matches(certificate(XMPP_ADDR + "example.org"), "EXAMPLE.Org")).isTrue();
        assertThat(ServerIdentity.matches(certificate(SRV + "_XMPP-Client.Example.org"), "example.org")).isTrue();
        assertThat(ServerIdentity.matches(certificate("DNS:*.EXAMPLE.org"), "Chat.example.ORG")).isTrue();
        assertThat(ServerIdentity.matches(certificate("DNS:example.org."), "example.org")).isTrue();
        assertThat(ServerIdentity.matches(certificate(XMPP_ADDR + "example.org"), "example.org.")).isTrue();
        assertThat(ServerIdentity.matches(certificate(SRV + "_xmpp-client.example.org."), "example.org")).isTrue();
    }

    @Test
    void internationalizedDomainsCompareAsALabels() throws Exception {
        assertThat(ServerIdentity.matches(certificate("DNS:xn--bcher-kva.example"), "bücher.example")).isTrue();
        assertThat(ServerIdentity.matches(certificate(XMPP_ADDR + "bücher.example"), "xn--bcher-kva.example"))
                .isTrue();
        assertThat(ServerIdentity.matches(certificate(XMPP_ADDR + "bücher.example"), "BÜCHER.example")).isTrue();
        assertThat(ServerIdentity.matches(certificate(XMPP_ADDR + "bücher.example"), "bucher.example")).isFalse();
    }

    @Test
    void anIpv4DomainMatchesAnIpAddressNameOnly() throws Exception {
        assertThat(ServerIdentity.matches(certificate("IP:192.0.2.7"), "192.0.2.7")).isTrue();
        assertThat(ServerIdentity.matches(certificate("IP:192.0.2.8"), "192.0.2.7")).isFalse();
        assertThat(ServerIdentity.matches(certificate("DNS:192.0.2.7"), "192.0.2.7")).isFalse();
    }

    @Test
    void unrelatedOrMistypedOtherNamesNameNothing() throws Exception {
        X509Certificate certificate = certificate("otherName:1.2.3.4;UTF8:example.org",
                "otherName:1.3.6.1.5.5.7.8.5;IA5:example.org",
                "otherName:1.3.6.1.5.5.7.8.7;UTF8:_xmpp-client.example.org",
                "otherName:1.3.6.1.5.5.7.8.5;INTEGER:42", "otherName:1.3.6.1.5.5.7.8.7;BOOLEAN:TRUE");
        assertThat(ServerIdentity.matches(certificate, "example.org")).isFalse();
        assertThat(ServerIdentity.names(certificate)).isEmpty();
    }

    @Test
    void malformedOtherNameDerNeverThrows() {
        // SEQUENCE { OID id-on-xmppAddr, [0] { UTF8String "example.org" } }
        byte[] good = HexFormat.of().parseHex("301906082b06010505070805a00d0c0b6578616d706c652e6f7267");
        assertThat(ServerIdentity.otherName(good)).isEqualTo(new ServerIdentity.Name("XmppAddr", "example.org"));
        for (int length = 0; length < good.length; length++) {
            assertThat(ServerIdentity.otherName(Arrays.copyOf(good, length))).as("prefix %d", length).isNull();
        }
        for (String hex : new String[] {"3080", "3084ffffffff", "30ff", "308906082b06010505070805",
                "301906082b06010505070805a08d0c0b6578616d706c652e6f7267", "300206ff", "3000", "", "3082", "30830000"}) {
            assertThat(ServerIdentity.otherName(HexFormat.of().parseHex(hex))).as(hex).isNull();
        }
        Random random = new Random(6120);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = good.clone();
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            ServerIdentity.otherName(mutated);
            byte[] noise = new byte[random.nextInt(40)];
            random.nextBytes(noise);
            ServerIdentity.otherName(noise);
        }
    }

    @Test
    void theMismatchMessageListsAFewOfTheNames() throws Exception {
        X509Certificate many = certificate("DNS:a.example", XMPP_ADDR + "b.example",
                SRV + "_xmpp-client.c.example", "DNS:d.example", "DNS:e.example", "DNS:f.example");
        assertThatThrownBy(() -> ServerIdentity.verify(many, "example.org"))
                .isInstanceOf(SSLPeerUnverifiedException.class)
                .hasMessage("The server's certificate does not name the XMPP domain example.org (RFC 6120 §13.7.1.2,"
                        + " RFC 7590 §3.2): it names DNS:a.example, XmppAddr:b.example, SRV:_xmpp-client.c.example,"
                        + " DNS:d.example and 2 more");
        assertThatThrownBy(() -> ServerIdentity.verify(load(selfSigned(dir, "example.org")), "example.org"))
                .hasMessage("The server's certificate does not name the XMPP domain example.org (RFC 6120 §13.7.1.2,"
                        + " RFC 7590 §3.2): it names no DNS, XmppAddr or SRV name");
    }
}
