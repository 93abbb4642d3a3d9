package org.xmppboot.jid;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An XMPP address, {@code [localpart@]domainpart[/resourcepart]} (RFC 7622). Immutable; parsed, validated and
 * normalized on creation, so {@link #equals} compares normalized forms.
 *
 * <p>Normalization follows RFC 7622 §3 with the JDK's own Unicode support: every part is put in NFC; the
 * localpart is lower-cased (PRECIS UsernameCaseMapped) and must not contain {@code " & ' / : < > @},
 * whitespace or controls; the domainpart is lower-cased, loses a trailing dot and must be a valid IDNA
 * name or an IP literal; the resourcepart keeps its case (PRECIS OpaqueString) and must not contain controls.
 * Each part is 1 to 1023 bytes of UTF-8.
 */
public final class Jid implements Comparable<Jid> {

    private static final int MAX_PART_BYTES = 1023;

    private final @Nullable String local;
    private final String domain;
    private final @Nullable String resource;
    private final String string;

    private Jid(@Nullable String local, String domain, @Nullable String resource) {
        this.local = local;
        this.domain = domain;
        this.resource = resource;
        StringBuilder sb = new StringBuilder();
        if (local != null) {
            sb.append(local).append('@');
        }
        sb.append(domain);
        if (resource != null) {
            sb.append('/').append(resource);
        }
        this.string = sb.toString();
    }

    /**
     * Parses a JID.
     *
     * @throws JidFormatException if any part is empty, too long or holds a character it may not
     */
    public static Jid of(String jid) {
        Objects.requireNonNull(jid, "jid");
        // RFC 7622 §3.1: the first '/' starts the resourcepart, then the first '@' before it ends the localpart.
        int slash = jid.indexOf('/');
        String bare = slash < 0 ? jid : jid.substring(0, slash);
        String resource = slash < 0 ? null : jid.substring(slash + 1);
        int at = bare.indexOf('@');
        String local = at < 0 ? null : bare.substring(0, at);
        String domain = at < 0 ? bare : bare.substring(at + 1);
        return create(jid, local, domain, resource);
    }

    /** Builds a JID from its parts; {@code local} and {@code resource} may be null. */
    public static Jid of(@Nullable String local, String domain, @Nullable String resource) {
        String input = (local == null ? "" : local + "@") + domain + (resource == null ? "" : "/" + resource);
        return create(input, local, domain, resource);
    }

    /** Parses a JID, or returns null for null or an invalid JID (for lenient reading of received attributes). */
    public static @Nullable Jid ofOrNull(@Nullable String jid) {
        if (jid == null) {
            return null;
        }
        try {
            return of(jid);
        } catch (JidFormatException e) {
            return null;
        }
    }

    private static Jid create(String input, @Nullable String local, String domain, @Nullable String resource) {
        return new Jid(
                local == null ? null : normalizeLocal(input, local),
                normalizeDomain(input, domain),
                resource == null ? null : normalizeResource(input, resource));
    }

    private static String normalizeLocal(String input, String local) {
        String s = Normalizer.normalize(local, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        checkLength(input, "localpart", s);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            // RFC 7622 §3.3.1 forbids these; the IdentifierClass forbids spaces and controls.
            if ("\"&'/:<>@".indexOf(cp) >= 0 || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || Character.isISOControl(cp)) {
                throw new JidFormatException(input,
                        String.format("the localpart may not contain '%s' (U+%04X)",
                                new String(Character.toChars(cp)), cp));
            }
            i += Character.charCount(cp);
        }
        return s;
    }

    private static String normalizeDomain(String input, String domain) {
        String s = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        s = Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        checkLength(input, "domainpart", s);
        if (s.startsWith("[") && s.endsWith("]")) {
            for (int i = 1; i < s.length() - 1; i++) {
                char c = s.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    throw new JidFormatException(input, "the domainpart is not a valid IPv6 literal");
                }
            }
            return s;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                    || "@/\\\"&'<>:".indexOf(cp) >= 0) {
                throw new JidFormatException(input,
                        String.format("the domainpart may not contain U+%04X", cp));
            }
            i += Character.charCount(cp);
        }
        try {
            // Validates labels (at most 63 octets each, no empty label) the IDNA way; the Unicode form is kept.
            IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES | IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new JidFormatException(input, "the domainpart is not a valid domain name (" + e.getMessage() + ")");
        }
        return s;
    }

    private static String normalizeResource(String input, String resource) {
        String s = Normalizer.normalize(resource, Normalizer.Form.NFC);
        checkLength(input, "resourcepart", s);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isISOControl(cp)) {
                throw new JidFormatException(input,
                        String.format("the resourcepart may not contain the control character U+%04X", cp));
            }
            i += Character.charCount(cp);
        }
        return s;
    }

    private static void checkLength(String input, String part, String value) {
        if (value.isEmpty()) {
            throw new JidFormatException(input, "the " + part + " is empty");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PART_BYTES) {
            throw new JidFormatException(input,
                    "the " + part + " is " + bytes + " bytes long; the most is " + MAX_PART_BYTES);
        }
    }

    public @Nullable String local() {
        return local;
    }

    public String domain() {
        return domain;
    }

    public @Nullable String resource() {
        return resource;
    }

    public boolean isBare() {
        return resource == null;
    }

    /** This JID without its resource. */
    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    /** This JID's bare form with the given resource. */
    public Jid withResource(@Nullable String resource) {
        return resource == null ? bare() : new Jid(local, domain, normalizeResource(string, resource));
    }

    /** The domain alone, as a JID (the server, or a component). */
    public Jid domainJid() {
        return local == null && resource == null ? this : new Jid(null, domain, null);
    }

    /**
     * Whether {@code text} is this address in any spelling that normalises to it (as if
     * {@code equals(Jid.ofOrNull(text))}), decided without parsing whenever {@code text} is plain ASCII: cheap
     * enough to ask of every received stanza. Normalisation changes ASCII only by the case of the localpart and
     * domainpart and a trailing dot; only non-ASCII text is parsed.
     */
    public boolean isSpelledBy(String text) {
        if (text.equals(string)) {
            return true;
        }
        int slash = text.indexOf('/');
        if ((slash >= 0) != (resource != null)) {
            return false;
        }
        int bareEnd = slash >= 0 ? slash : text.length();
        boolean asciiBare = isAscii(text, 0, bareEnd);
        boolean asciiResource = slash < 0 || isAscii(text, slash + 1, text.length());
        if (asciiBare && !bareSpelledBy(text, bareEnd)) {
            return false;
        }
        if (asciiResource && resource != null
                && !(text.length() - slash - 1 == resource.length() && text.startsWith(resource, slash + 1))) {
            return false;
        }
        return asciiBare && asciiResource || equals(ofOrNull(text));
    }

    /** Whether the ASCII text before {@code end} is our bare JID but for case and a trailing dot. */
    private boolean bareSpelledBy(String text, int end) {
        int length = end > 0 && text.charAt(end - 1) == '.' ? end - 1 : end;
        int bareLength = resource == null ? string.length() : string.length() - resource.length() - 1;
        if (length != bareLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != string.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jid other && string.equals(other.string);
    }

    @Override
    public int hashCode() {
        return string.hashCode();
    }

    @Override
    public int compareTo(Jid o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
