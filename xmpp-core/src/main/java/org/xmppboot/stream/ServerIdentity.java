package org.xmppboot.stream;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.jspecify.annotations.Nullable;

/**
 * Whether a server certificate names an XMPP domain, the way an XMPP client must check it (RFC 6120 §13.7.1.2,
 * RFC 7590 §3.2, with the rules of RFC 6125 §6): by SRV-ID, XmppAddr or DNS-ID in the subjectAltName. JSSE's
 * "HTTPS" check knows only DNS-IDs, so it refused servers whose certificate names the domain otherwise.
 *
 * <p>The subject CN is never used. RFC 6125 §6.4.4 allows it only as a last resort when the certificate has no
 * SAN of these types; public CAs have put names in SANs for years and browsers stopped reading the CN, so a
 * CN-only certificate is refused rather than matched by a rule the rest of the ecosystem has dropped.
 */
final class ServerIdentity {

    /** id-on-xmppAddr, 1.3.6.1.5.5.7.8.5, as DER OID content bytes (RFC 6120 §13.7.1.4). */
    private static final byte[] XMPP_ADDR = {0x2B, 6, 1, 5, 5, 7, 8, 5};
    /** id-on-dnsSRV, 1.3.6.1.5.5.7.8.7, as DER OID content bytes (RFC 4985 §2). */
    private static final byte[] DNS_SRV = {0x2B, 6, 1, 5, 5, 7, 8, 7};
    private static final int MAX_LISTED = 4;

    /** One subjectAltName of interest: kind is DNS, IP, XmppAddr or SRV. */
    record Name(String kind, String value) {
        @Override
        public String toString() {
            // The value comes from the peer and goes into a message: no control characters, bounded length.
            String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
            return kind + ":" + cut.replaceAll("\\p{Cntrl}", "?");
        }
    }

    private ServerIdentity() {
    }

    /** Throws, saying which names the certificate carries, unless {@code certificate} names {@code domain}. */
    static void verify(X509Certificate certificate, String domain) throws SSLPeerUnverifiedException {
        if (matches(certificate, domain)) {
            return;
        }
        List<Name> names = names(certificate);
        String carried = names.isEmpty() ? "no DNS, XmppAddr or SRV name"
                : names.stream().limit(MAX_LISTED).map(Name::toString).collect(Collectors.joining(", "))
                        + (names.size() > MAX_LISTED ? " and " + (names.size() - MAX_LISTED) + " more" : "");
        throw new SSLPeerUnverifiedException("The server's certificate does not name the XMPP domain " + domain
                + " (RFC 6120 §13.7.1.2, RFC 7590 §3.2): it names " + carried);
    }

    /** Whether {@code certificate} names {@code domain} by SRV-ID, XmppAddr or DNS-ID. */
    static boolean matches(X509Certificate certificate, String domain) {
        String wanted = normalize(domain);
        // An IPv4-literal domainpart (RFC 7622 §3.2) is no DNS name: like the JSSE check this replaces
        // (RFC 2818 §3.1), compare it with iPAddress SANs only.
        boolean ip = wanted != null && wanted.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        return wanted != null && wanted.indexOf('*') < 0 && names(certificate).stream().anyMatch(name -> {
            String presented = normalize(name.value());
            return switch (name.kind()) {
                case "IP" -> ip && wanted.equals(name.value());
                case "DNS" -> !ip && presented != null && dnsIdMatches(presented, wanted);
                // RFC 6120 §13.7.1.4: a server's XmppAddr is a bare domainpart, compared whole: no wildcards,
                // and a JID with a localpart or resourcepart (an account, not the service) never equals it.
                case "XmppAddr" -> wanted.equals(presented);
                case "SRV" -> srvIdMatches(name.value(), wanted);
                default -> false;
            };
        });
    }

    /** RFC 6125 §6.4.1 and §6.4.3: exact, or {@code *} as the whole left-most label standing for exactly one. */
    private static boolean dnsIdMatches(String presented, String domain) {
        String suffix = presented.substring(1);
        int dot = domain.indexOf('.');
        // The wildcard must leave at least two labels ("*.org" names no one), and never stands for zero labels.
        return presented.equals(domain) || presented.startsWith("*.") && suffix.indexOf('.', 1) > 0
                && suffix.indexOf('*') < 0 && dot > 0 && domain.substring(dot).equals(suffix);
    }

    /**
     * RFC 6125 §6.5.1, RFC 4985: "_Service.Name". The client-to-server service is _xmpp-client (RFC 6120
     * §13.7.1.2) and, for direct TLS, _xmpps-client (XEP-0368). Both are the c2s service of the same domain, so
     * either is accepted in both connection modes; any other service (_xmpp-server is s2s) is not.
     */
    private static boolean srvIdMatches(String srvId, String domain) {
        int dot = srvId.indexOf('.');
        String service = dot > 0 ? srvId.substring(0, dot).toLowerCase(Locale.ROOT) : "";
        return (service.equals("_xmpp-client") || service.equals("_xmpps-client"))
                && domain.equals(normalize(srvId.substring(dot + 1)));
    }

    /** Lower-case A-labels without a trailing dot (RFC 6125 §6.4.1, §6.4.2), or null if not a domain name. */
    private static @Nullable String normalize(String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            return trimmed.isEmpty() ? null : IDN.toASCII(trimmed).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The certificate's DNS, IP, XmppAddr and SRV names, in certificate order; none if it cannot be read. */
    static List<Name> names(X509Certificate certificate) {
        List<Name> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
                // {type, value}; newer JDKs append the OID and a decoded value to an otherName, older ones do not.
                Object type = san.get(0);
                Object value = san.size() >= 2 ? san.get(1) : null;
                if (Integer.valueOf(2).equals(type) && value instanceof String dns) {
                    names.add(new Name("DNS", dns));
                } else if (Integer.valueOf(7).equals(type) && value instanceof String address) {
                    names.add(new Name("IP", address));
                } else if (Integer.valueOf(0).equals(type) && value instanceof byte[] der) {
                    Name other = otherName(der);
                    if (other != null) {
                        names.add(other);
                    }
                }
            }
        } catch (CertificateParsingException | RuntimeException e) {
            // An unreadable extension names nothing.
        }
        return names;
    }

    /**
     * Reads {@code OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }} (RFC 5280 §4.2.1.6) as the
     * JDK hands it out, for the two OIDs known here: XmppAddr (UTF8String) and SRV (IA5String). Null for any
     * other OID, and for anything malformed.
     */
    static @Nullable Name otherName(byte[] der) {
        int[] sequence = tlv(der, 0, der.length, 0x30);
        int[] oid = sequence == null ? null : tlv(der, sequence[0], sequence[1], 0x06);
        int[] value = oid == null ? null : tlv(der, oid[1], sequence[1], 0xA0);
        if (value == null) {
            return null;
        }
        // JDK 17 hands out the value wrapped in its [0] tag twice (JDK 25 no longer does): unwrap the extra one.
        int[] twice = tlv(der, value[0], value[1], 0xA0);
        value = twice != null ? twice : value;
        boolean xmppAddr = Arrays.equals(der, oid[0], oid[1], XMPP_ADDR, 0, XMPP_ADDR.length);
        boolean srv = Arrays.equals(der, oid[0], oid[1], DNS_SRV, 0, DNS_SRV.length);
        int[] string = tlv(der, value[0], value[1], xmppAddr ? 0x0C : 0x16);
        return string == null || !(xmppAddr || srv) ? null : new Name(xmppAddr ? "XmppAddr" : "SRV",
                new String(der, string[0], string[1] - string[0], xmppAddr ? UTF_8 : US_ASCII));
    }

    /**
     * The contents {start, end} of the DER TLV at {@code at} if it has this (single-byte) tag and its length
     * (definite, X.690 §10.1) fits before {@code end}; else null. Bounds-checked: never throws.
     */
    private static int @Nullable [] tlv(byte[] der, int at, int end, int tag) {
        if (at < 0 || end > der.length || end - at < 2 || (der[at] & 0xFF) != tag) {
            return null;
        }
        int p = at + 1;
        int length = der[p++] & 0xFF;
        if (length >= 0x80) {
            int count = length - 0x80;
            // 0x80 is the indefinite form, not DER; more than 3 length bytes exceed any certificate.
            if (count == 0 || count > 3 || end - p < count) {
                return null;
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[p++] & 0xFF);
            }
        }
        return length > end - p ? null : new int[] {p, p + length};
    }
}
