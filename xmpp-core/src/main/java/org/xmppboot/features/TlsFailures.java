package org.xmppboot.features;

import java.security.cert.CertificateException;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.jspecify.annotations.Nullable;

/** Turns the usual TLS failures, which JSSE reports in its own terms, into messages that say what to do. */
public final class TlsFailures {

    private TlsFailures() {
    }

    /**
     * Whether the failure is the peer's certificate being rejected (untrusted, or not naming the domain) anywhere
     * in its causes: a failure that trying again cannot cure.
     */
    public static boolean isTrustFailure(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    /** The failure's message, with advice when it is one of the usual ones. */
    public static String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        String hint = "";
        if (message.contains("PKIX") || message.contains("certification path")) {
            hint = "The server's certificate is not trusted: give ClientConfig an sslContext that trusts it "
                    + "(Tls.trusting(pemFile) for a private CA or a self-signed certificate).";
        } else if (message.contains("does not name the XMPP domain")) {
            hint = "The certificate must name the JID's domain whatever host is connected to: check the JID, or "
                    + "have the server's certificate issued for that domain.";
        }
        return hint.isEmpty() ? message : message + (message.endsWith(".") ? " " : ". ") + hint;
    }
}
