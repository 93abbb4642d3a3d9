package org.xmppboot.stream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** TLS material for tests in any package: a self-signed certificate made by openssl, and a server context for it. */
public final class TestTls {

    private TestTls() {
    }

    /** A self-signed certificate naming {@code domain} by DNS-ID, its key beside it (see ServerIdentityTest). */
    public static Path selfSigned(Path dir, String domain) throws Exception {
        return ServerIdentityTest.selfSigned(dir, ServerIdentityTest.NOT_A_DOMAIN, "DNS:" + domain);
    }

    /** A server context presenting {@code certificate} with the key beside it. */
    public static SSLContext serverContext(Path certificate) throws Exception {
        String pem = Files.readString(Path.of(certificate.toString().replace(".crt", ".key")),
                StandardCharsets.US_ASCII);
        byte[] pkcs8 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, new char[0], new Certificate[] {ServerIdentityTest.load(certificate)});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
