package org.xmppboot.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * SCRAM (RFC 5802) with SHA-1 or SHA-256 (RFC 7677), and the {@code -PLUS} variants that bind the exchange
 * to the TLS channel, so a man in the middle holding another certificate cannot relay it.
 */
public final class Scram implements SaslMechanism {

    /** The hash families. */
    public enum Algorithm {
        SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 160),
        SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 256);

        final String mechanism;
        final String digest;
        final String hmac;
        final String pbkdf2;
        final int bits;

        Algorithm(String mechanism, String digest, String hmac, String pbkdf2, int bits) {
            this.mechanism = mechanism;
            this.digest = digest;
            this.hmac = hmac;
            this.pbkdf2 = pbkdf2;
            this.bits = bits;
        }

        public String mechanism() {
            return mechanism;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 7677 §4 asks for at least 4096; fewer would make a stolen exchange cheap to brute-force. */
    private static final int MIN_ITERATIONS = 4096;
    /**
     * The most iterations a server may ask for. Each costs two HMACs on the thread that negotiates, so without a
     * cap a hostile server could have the client burn seconds of CPU per login; servers use 4096 to 10,000.
     */
    static final int MAX_ITERATIONS = 100_000;

    private final Algorithm algorithm;
    private final Credentials credentials;
    private final @Nullable ChannelBinding binding;
    private final boolean plus;
    private final String clientNonce;

    private @Nullable String gs2Header;
    private @Nullable String clientFirstBare;
    private byte @Nullable [] expectedServerSignature;

    /**
     * @param binding the TLS channel's binding data, or null when there is none (no TLS, or not obtainable)
     * @param plus whether to run the {@code -PLUS} variant (requires {@code binding})
     */
    public Scram(Algorithm algorithm, Credentials credentials, @Nullable ChannelBinding binding, boolean plus) {
        this(algorithm, credentials, binding, plus, newNonce());
    }

    Scram(Algorithm algorithm, Credentials credentials, @Nullable ChannelBinding binding, boolean plus,
            String clientNonce) {
        if (plus && binding == null) {
            throw new IllegalArgumentException(algorithm.mechanism + "-PLUS needs channel-binding data");
        }
        this.algorithm = algorithm;
        this.credentials = credentials;
        this.binding = binding;
        this.plus = plus;
        this.clientNonce = clientNonce;
    }

    private static String newNonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public String name() {
        return algorithm.mechanism + (plus ? "-PLUS" : "");
    }

    @Override
    public byte[] initialResponse() {
        // RFC 5802 §6: "p=" binds; "y" says we could have bound but the server offered no -PLUS (so a
        // downgrade by stripping -PLUS from the offer is detected by the server); "n" says we cannot.
        String flag = plus ? "p=" + Objects.requireNonNull(binding).type() : binding != null ? "y" : "n";
        String authzid = credentials.authzid() == null ? "" : "a=" + saslName(credentials.authzid());
        gs2Header = flag + "," + authzid + ",";
        clientFirstBare = "n=" + saslName(saslPrep(credentials.username())) + ",r=" + clientNonce;
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
        if (clientFirstBare == null || gs2Header == null) {
            throw new IllegalStateException("initialResponse() first");
        }
        if (expectedServerSignature != null) {
            throw new SaslException("malformed-request", "Unexpected second SCRAM challenge");
        }
        String serverFirst = new String(challenge, StandardCharsets.UTF_8);
        Map<Character, String> fields = parse(serverFirst);
        String nonce = fields.get('r');
        String salt = fields.get('s');
        String iterations = fields.get('i');
        if (fields.containsKey('m')) {
            throw new SaslException("malformed-request", "The server asks for an unsupported SCRAM extension");
        }
        if (nonce == null || salt == null || iterations == null) {
            throw new SaslException("malformed-request", "The server's first message lacks r, s or i");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new SaslException("malformed-request", "The server's nonce does not extend ours");
        }
        int count;
        try {
            count = Integer.parseInt(iterations);
        } catch (NumberFormatException e) {
            throw new SaslException("malformed-request", "Bad iteration count '" + iterations + "'");
        }
        if (count < MIN_ITERATIONS) {
            // RFC 7677 §4: at least 4096; fewer makes a captured exchange cheap to brute-force.
            throw new SaslException("malformed-request", "The server asks for " + count
                    + " SCRAM iterations, fewer than the " + MIN_ITERATIONS + " RFC 7677 requires");
        }
        if (count > MAX_ITERATIONS) {
            throw new SaslException("malformed-request", "The server asks for " + count
                    + " SCRAM iterations; this client computes at most " + MAX_ITERATIONS);
        }
        byte[] cbindInput = gs2Header.getBytes(StandardCharsets.UTF_8);
        if (plus) {
            byte[] data = Objects.requireNonNull(binding).data();
            byte[] joined = new byte[cbindInput.length + data.length];
            System.arraycopy(cbindInput, 0, joined, 0, cbindInput.length);
            System.arraycopy(data, 0, joined, cbindInput.length, data.length);
            cbindInput = joined;
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbindInput) + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        String password = saslPrep(Objects.requireNonNull(credentials.password(), name() + " needs a password"));
        byte[] saltBytes;
        try {
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw new SaslException("malformed-request", "The server's salt is not base64");
        }
        try {
            byte[] saltedPassword = hi(password, saltBytes, count);
            byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = MessageDigest.getInstance(algorithm.digest).digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
            expectedServerSignature = hmac(serverKey, authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM lacks " + algorithm.hmac + " or " + algorithm.pbkdf2, e);
        }
    }

    @Override
    public void verifySuccess(byte[] additionalData) throws SaslException {
        if (expectedServerSignature == null) {
            throw new SaslException("malformed-request", "Success before the SCRAM exchange finished");
        }
        Map<Character, String> fields = parse(new String(additionalData, StandardCharsets.UTF_8));
        if (fields.containsKey('e')) {
            throw new SaslException("not-authorized", "SCRAM server error: " + fields.get('e'));
        }
        String verifier = fields.get('v');
        byte[] signature;
        try {
            signature = verifier == null ? null : Base64.getDecoder().decode(verifier);
        } catch (IllegalArgumentException e) {
            signature = null;
        }
        if (signature == null || !MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new SaslException("not-authorized",
                    "The server's SCRAM signature is wrong: it does not know the password");
        }
    }

    private byte[] hi(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        // PBKDF2 with HMAC is SCRAM's Hi() (RFC 5802 §2.2); the JDK encodes the password as UTF-8.
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, algorithm.bits);
        try {
            return SecretKeyFactory.getInstance(algorithm.pbkdf2).generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm.hmac);
        mac.init(new SecretKeySpec(key, algorithm.hmac));
        return mac.doFinal(data);
    }

    private static Map<Character, String> parse(String message) throws SaslException {
        Map<Character, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() < 2 || part.charAt(1) != '=') {
                throw new SaslException("malformed-request", "Malformed SCRAM attribute '" + part + "'");
            }
            fields.putIfAbsent(part.charAt(0), part.substring(2));
        }
        return fields;
    }

    /** RFC 5802 §5.1: ',' and '=' in a name are escaped. */
    static String saslName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    /**
     * SASLprep (RFC 4013) as far as it matters for real passwords: non-ASCII spaces become a space, the
     * "mapped to nothing" characters go, the result is NFKC-normalized, and control characters are refused.
     */
    public static String saslPrep(String s) {
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                    || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                    || cp == 0xFEFF) {
                continue;
            }
            if (cp != ' ' && Character.isSpaceChar(cp)) {
                mapped.append(' ');
            } else {
                mapped.appendCodePoint(cp);
            }
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < normalized.length(); i++) {
            if (Character.isISOControl(normalized.charAt(i))) {
                throw new IllegalArgumentException("A SASL name or password may not contain control characters");
            }
        }
        return normalized;
    }
}
