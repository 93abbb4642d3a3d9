package org.xmppboot.xml;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629 §4; the Unicode Standard's table of well-formed byte sequences),
 * one chunk after another, a character split between two chunks included: no overlong form, no surrogate, nothing
 * above U+10FFFF, no stray or missing continuation byte.
 *
 * <p>The parser needs this in front of aalto 1.4, whose non-blocking decoder takes overlong forms as the characters
 * they spell ({@code C0 80} as U+0000, {@code E0 80 AF} as '/') and sequences above U+10FFFF as lone surrogates:
 * characters that XML does not allow, or that filters do not expect, would otherwise reach stanzas.
 */
final class Utf8Check {

    /** Continuation bytes still due for the character being read. */
    private int due;
    /** The range the next continuation byte must be in: narrower than 80..BF right after some lead bytes. */
    private int lower = 0x80;
    private int upper = 0xBF;

    /** The index of the first byte in {@code [from, to)} that breaks UTF-8, or -1 if there is none. */
    int firstInvalid(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (due == 0) {
                if (b < 0x80) {
                    continue;
                }
                if (!lead(b)) {
                    return i;
                }
            } else if (b < lower || b > upper) {
                return i;
            } else {
                due--;
                lower = 0x80;
                upper = 0xBF;
            }
        }
        return -1;
    }

    /** Takes a lead byte: how many continuation bytes follow, and the range of the first of them. */
    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            due = 1;
        } else if (b == 0xE0) {
            due = 2;
            lower = 0xA0; // below is overlong
        } else if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) {
            due = 2;
        } else if (b == 0xED) {
            due = 2;
            upper = 0x9F; // above is a surrogate
        } else if (b == 0xF0) {
            due = 3;
            lower = 0x90; // below is overlong
        } else if (b >= 0xF1 && b <= 0xF3) {
            due = 3;
        } else if (b == 0xF4) {
            due = 3;
            upper = 0x8F; // above is beyond U+10FFFF
        } else {
            return false; // C0, C1 (overlong), F5..FF (beyond U+10FFFF), or a continuation byte with no lead
        }
        return true;
    }

    /** Forgets a character left half read (a new layer starts). */
    void reset() {
        due = 0;
        lower = 0x80;
        upper = 0xBF;
    }
}
