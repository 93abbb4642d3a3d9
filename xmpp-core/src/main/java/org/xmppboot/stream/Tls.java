package org.xmppboot.stream;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;
import org.xmppboot.sasl.ChannelBinding;
import org.xmppboot.sasl.ChannelBindings;

/** TLS set-up helpers: trust material, and channel-binding data for SCRAM {@code -PLUS}. */
public final class Tls {

    private Tls() {
    }

    /** The JVM's default context: the system trust store. */
    public static SSLContext systemDefault() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no default TLS context", e);
        }
    }

    /**
     * A context that trusts exactly the certificates in a PEM file (a private CA, or a test server's self-signed
     * certificate). Verification stays on: the server must present one of these, for the right name.
     */
    public static SSLContext trusting(Path pemFile) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(pemFile)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot build a TLS context from " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** A trust manager for exactly the certificates in a PEM file (for libraries that take one directly). */
    public static X509TrustManager trustManager(Path pemFile) throws IOException {
        try (InputStream in = Files.newInputStream(pemFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("cert-" + n++, certificate);
            }
            if (n == 0) {
                throw new IOException("No certificate in " + pemFile);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IOException("No X.509 trust manager in this JVM");
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot build a trust store from " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The channel-binding data of one type for a TLS session, or null when this JVM cannot produce that type
     * there: {@code tls-exporter} (RFC 9266) on TLS 1.3 where the JVM exports keying material (Java 25+),
     * {@code tls-server-end-point} (RFC 5929 §4) from the server's certificate. {@code tls-unique}, the RFC 5929
     * default for TLS 1.2, needs the Finished message, which JSSE does not expose.
     */
    public static @Nullable ChannelBinding channelBinding(SSLSession session, String type) {
        return switch (type) {
            case "tls-exporter" -> {
                byte[] exported = "TLSv1.3".equals(session.getProtocol()) ? exportKeyingMaterial(session) : null;
                yield exported == null ? null : new ChannelBinding(type, exported);
            }
            case "tls-server-end-point" -> serverEndPoint(session);
            default -> null;
        };
    }

    /** The channel bindings a TLS session can give, by {@link #channelBinding(SSLSession, String)}. */
    public static ChannelBindings channelBindings(SSLSession session) {
        return new ChannelBindings() {
            @Override
            public String protocol() {
                return session.getProtocol();
            }

            @Override
            public @Nullable ChannelBinding binding(String type) {
                return channelBinding(session, type);
            }
        };
    }

    private static @Nullable ChannelBinding serverEndPoint(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate server)) {
                return null;
            }
            // RFC 5929 §4.1: hash with the certificate's signature hash, SHA-256 where that is MD5 or SHA-1.
            String algorithm = server.getSigAlgName().toUpperCase(Locale.ROOT);
            String hash = algorithm.startsWith("SHA384") ? "SHA-384" : algorithm.startsWith("SHA512") ? "SHA-512"
                    : "SHA-256";
            return new ChannelBinding("tls-server-end-point",
                    MessageDigest.getInstance(hash).digest(server.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }

    /** RFC 9266 §2: label "EXPORTER-Channel-Binding", no context, 32 bytes; through the Java 25 API if present. */
    private static byte @Nullable [] exportKeyingMaterial(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession)) {
            return null;
        }
        try {
            Method export = ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class,
                    byte[].class, int.class);
            return (byte[]) export.invoke(session, "EXPORTER-Channel-Binding", new byte[0], 32);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
