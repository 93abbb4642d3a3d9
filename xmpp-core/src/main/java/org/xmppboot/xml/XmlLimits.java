package org.xmppboot.xml;

/**
 * Bounds on what a peer may make the parser hold. Exceeding any of them ends the stream with
 * {@code <policy-violation/>} (RFC 6120 §4.9.3.14).
 *
 * @param maxStanzaBytes the largest top-level element (and stream header, and run of whitespace between
 *     stanzas) in bytes, counted from the bytes received, so the parser holds at most this much plus one
 *     read for any of them; RFC 6120 §13.12 asks servers to accept at least 10,000 bytes, and servers
 *     commonly allow 256 KiB to 10 MiB
 * @param maxDepth the deepest element nesting, counting the stream root as depth 1
 * @param maxAttributes the most attributes on one element, namespace declarations ({@code xmlns} and
 *     {@code xmlns:prefix}) included: the parser holds those just the same. The stream header usually
 *     carries seven (two declarations, five attributes).
 */
public record XmlLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {

    /** 1 MiB stanzas, 64 levels, 64 attributes: generous for real traffic, small for an attacker. */
    public static final XmlLimits DEFAULTS = new XmlLimits(1024 * 1024, 64, 64);

    public XmlLimits {
        if (maxStanzaBytes < 1024) {
            throw new IllegalArgumentException("maxStanzaBytes must be at least 1024, was " + maxStanzaBytes);
        }
        if (maxDepth < 3) {
            throw new IllegalArgumentException("maxDepth must be at least 3, was " + maxDepth);
        }
        if (maxAttributes < 8) {
            throw new IllegalArgumentException("maxAttributes must be at least 8, was " + maxAttributes);
        }
    }
}
