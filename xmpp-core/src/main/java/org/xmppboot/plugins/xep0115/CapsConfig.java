package org.xmppboot.plugins.xep0115;

/**
 * How entity capabilities are announced and remembered. Immutable; {@link #DEFAULT} names this library, hashes
 * with SHA-1 (the one function every implementation has, XEP-0115 §9.1) and remembers 1,000 verified
 * verification strings and the capabilities of 10,000 addresses.
 *
 * @param node the software's URI in our {@code <c/>} (§4 recommends a URL about the software)
 * @param hash the hash function for our verification string, by its IANA name ({@code sha-1}, {@code sha-256},
 *     ...)
 * @param cacheSize how many verified verification strings (with what they stand for) are remembered
 * @param maxRememberedJids how many addresses' announced capabilities are remembered
 */
public record CapsConfig(String node, String hash, int cacheSize, int maxRememberedJids) {

    public static final CapsConfig DEFAULT =
            new CapsConfig("https://github.com/xmpp-boot/xmpp-boot", "sha-1", 1_000, 10_000);

    public CapsConfig {
        if (node.isEmpty() || node.indexOf('#') >= 0) {
            // '#' separates the node from the verification string in the disco node (§6.2).
            throw new IllegalArgumentException("The caps node must be a non-empty URI without '#', was '" + node
                    + "'");
        }
        if (!VerificationString.isSupported(hash)) {
            throw new IllegalArgumentException("Unsupported caps hash '" + hash + "'; supported: "
                    + VerificationString.supportedHashes());
        }
        if (cacheSize < 1 || maxRememberedJids < 1) {
            throw new IllegalArgumentException("cacheSize and maxRememberedJids must be at least 1");
        }
    }

    public CapsConfig withNode(String otherNode) {
        return new CapsConfig(otherNode, hash, cacheSize, maxRememberedJids);
    }

    public CapsConfig withHash(String otherHash) {
        return new CapsConfig(node, otherHash, cacheSize, maxRememberedJids);
    }

    public CapsConfig withCacheSizes(int verificationStrings, int jids) {
        return new CapsConfig(node, hash, verificationStrings, jids);
    }
}
