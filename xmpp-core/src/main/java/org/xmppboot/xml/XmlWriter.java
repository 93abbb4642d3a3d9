package org.xmppboot.xml;

/**
 * Serializes {@link XmlElement} trees. The output is always well-formed and byte-for-byte stable:
 * <ul>
 *   <li>namespaces are written as default-namespace declarations, only where an element's namespace differs
 *       from the one in scope (so a stanza inside a {@code jabber:client} stream carries no {@code xmlns});</li>
 *   <li>{@code &}, {@code <} and {@code >} are always escaped in text (so {@code ]]>} can never appear), and
 *       {@code "}, tab, CR and LF in attribute values too (so attribute-value normalization keeps them);</li>
 *   <li>a character that XML 1.0 cannot carry at all (NUL, most C0 controls, U+FFFE, U+FFFF, a lone
 *       surrogate) is refused with an {@link IllegalArgumentException} at serialization time, on the caller's
 *       thread, rather than written and answered by the peer with a stream error.</li>
 * </ul>
 */
public final class XmlWriter {

    private XmlWriter() {
    }

    /** The element as a standalone XML fragment (its namespace declared). */
    public static String toXml(XmlElement element) {
        StringBuilder out = new StringBuilder(128);
        write(element, "", out);
        return out.toString();
    }

    /**
     * Writes the element as it appears inside a parent whose default namespace is {@code inScopeNamespace}.
     * Iterative rather than recursive: a user-built tree of any depth cannot overflow the stack.
     */
    public static void write(XmlElement root, String inScopeNamespace, StringBuilder out) {
        // Each frame: the element, the namespace in scope for its children, the next child index.
        XmlElement[] elements = new XmlElement[16];
        String[] scopes = new String[16];
        int[] next = new int[16];
        int top = 0;
        elements[0] = root;
        scopes[0] = openTag(root, inScopeNamespace, out);
        next[0] = 0;
        if (scopes[0] == null) {
            return; // empty element, already closed
        }
        while (top >= 0) {
            XmlElement current = elements[top];
            if (next[top] < current.childCount()) {
                XmlNode child = current.child(next[top]++);
                if (child instanceof XmlText text) {
                    escapeText(text.text(), out);
                } else {
                    XmlElement e = (XmlElement) child;
                    String scope = openTag(e, scopes[top], out);
                    if (scope != null) {
                        top++;
                        if (top == elements.length) {
                            elements = java.util.Arrays.copyOf(elements, top * 2);
                            scopes = java.util.Arrays.copyOf(scopes, top * 2);
                            next = java.util.Arrays.copyOf(next, top * 2);
                        }
                        elements[top] = e;
                        scopes[top] = scope;
                        next[top] = 0;
                    }
                }
            } else {
                out.append("</").append(current.name()).append('>');
                elements[top] = null;
                top--;
            }
        }
    }

    /**
     * Writes the start tag; for an element without children writes {@code />} and returns null, otherwise
     * returns the default namespace in scope for the children.
     */
    private static String openTag(XmlElement e, String inScopeNamespace, StringBuilder out) {
        out.append('<').append(e.name());
        if (!e.namespace().equals(inScopeNamespace)) {
            out.append(" xmlns=\"");
            escapeAttribute(e.namespace(), out);
            out.append('"');
        }
        int generatedPrefixes = 0;
        for (int i = 0, n = e.attributeCount(); i < n; i++) {
            String key = e.attributeKey(i);
            out.append(' ');
            if (key.charAt(0) == '{') {
                // A namespaced attribute: declare a prefix for it on this element.
                int close = key.indexOf('}');
                String prefix = "ns" + generatedPrefixes++;
                out.append("xmlns:").append(prefix).append("=\"");
                escapeAttribute(key.substring(1, close), out);
                out.append("\" ").append(prefix).append(':').append(key, close + 1, key.length());
            } else {
                out.append(key);
            }
            out.append("=\"");
            escapeAttribute(e.attributeValue(i), out);
            out.append('"');
        }
        if (e.childCount() == 0) {
            out.append("/>");
            return null;
        }
        out.append('>');
        return e.namespace();
    }

    /** Escapes character data. */
    public static void escapeText(String s, StringBuilder out) {
        escape(s, out, false);
    }

    /** Escapes an attribute value to be written between double quotes. */
    public static void escapeAttribute(String s, StringBuilder out) {
        escape(s, out, true);
    }

    /**
     * The one escaping routine. Text and attribute values differ only in {@code "}, tab and LF, which an
     * attribute value must carry as references (XML 1.0 §3.3.3 would normalise a literal tab or LF to a space);
     * in text they stay literal. CR is escaped in both, or the peer's line-end handling (§2.11) would turn it
     * into LF. Copies runs of plain characters in one append and allocates nothing.
     */
    private static void escape(String s, StringBuilder out, boolean attribute) {
        int start = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            String replacement;
            switch (c) {
                case '&' -> replacement = "&amp;";
                case '<' -> replacement = "&lt;";
                case '>' -> replacement = "&gt;";
                case '\r' -> replacement = "&#13;";
                case '"' -> {
                    if (!attribute) {
                        continue;
                    }
                    replacement = "&quot;";
                }
                case '\t' -> {
                    if (!attribute) {
                        continue;
                    }
                    replacement = "&#9;";
                }
                case '\n' -> {
                    if (!attribute) {
                        continue;
                    }
                    replacement = "&#10;";
                }
                default -> {
                    // Tab, LF and CR were taken above: any other C0 control is not XML 1.0 at all.
                    if (c < 0x20 || c >= 0xD800 && !isAllowedHigh(s, i)) {
                        throw invalidCharacter(s, i);
                    }
                    if (Character.isHighSurrogate(c)) {
                        i++; // the pair was checked by isAllowedHigh
                    }
                    continue;
                }
            }
            out.append(s, start, i).append(replacement);
            start = i + 1;
        }
        out.append(s, start, s.length());
    }

    /**
     * Text that came from the peer (or may hold some of it), made fit to quote in our own output: a stream error's
     * text, a log line. A character XML 1.0 cannot carry, or any other control character, is written by number
     * ({@code \\uD800}); tab, CR and LF become spaces, so a quote stays on one line; beyond {@code maxChars} the
     * text is cut, never inside a surrogate pair, and ends with an ellipsis. The result always passes
     * {@link #escapeText} and can never forge a log line.
     */
    public static String quotable(String text, int maxChars) {
        int n = text.length();
        int end = Math.min(n, Math.max(0, maxChars));
        if (end < n && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a pair in two
        }
        int i = 0;
        while (i < end && isQuotable(text, i)) {
            i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
        }
        StringBuilder out = null;
        if (i < end) {
            out = new StringBuilder(end + 16).append(text, 0, i);
            while (i < end) {
                char c = text.charAt(i);
                if (isQuotable(text, i)) {
                    out.append(c);
                    if (Character.isHighSurrogate(c)) {
                        out.append(text.charAt(++i));
                    }
                } else if (c == '\t' || c == '\n' || c == '\r') {
                    out.append(' ');
                } else {
                    out.append(String.format("\\u%04X", (int) c));
                }
                i++;
            }
        }
        String quoted = out != null ? out.toString() : end == n ? text : text.substring(0, end);
        return end < n ? quoted + "\u2026" : quoted;
    }

    /** Printable and carried by XML 1.0 as it is: no control character, and a surrogate only as a pair. */
    private static boolean isQuotable(String s, int i) {
        char c = s.charAt(i);
        if (c < 0xA0) {
            return c >= 0x20 && c < 0x7F;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return !Character.isLowSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    }

    /** For a char at or above U+D800: a well-formed surrogate pair or a BMP character other than U+FFFE/U+FFFF. */
    private static boolean isAllowedHigh(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return !Character.isLowSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    }

    private static IllegalArgumentException invalidCharacter(String s, int i) {
        return new IllegalArgumentException(String.format(
                "U+%04X at index %d cannot be carried by XML 1.0; remove or replace it before sending",
                (int) s.charAt(i), i));
    }
}
