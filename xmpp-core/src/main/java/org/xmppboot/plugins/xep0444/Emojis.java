package org.xmppboot.plugins.xep0444;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a text is one emoji, as XEP-0444 §5 asks of a reaction ("codepoints that can be displayed as a single
 * emoji", Unicode Technical Standard #51). Java 17 has no emoji property, so this is an approximation of UTS #51:
 * one extended grapheme cluster (so sequences joined by ZWJ, skin tones, flags and keycaps count as one) whose
 * first code point is pictographic, a regional indicator, or the base of a keycap, or that asks for emoji
 * presentation (U+FE0F). Letters, digits, punctuation and two emojis side by side are refused.
 */
public final class Emojis {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final int EMOJI_PRESENTATION = 0xFE0F;
    private static final int KEYCAP = 0x20E3;

    private Emojis() {
    }

    /** Whether the text is a single emoji. */
    public static boolean isEmoji(String text) {
        if (text.isEmpty()) {
            return false;
        }
        Matcher grapheme = GRAPHEME.matcher(text);
        if (!grapheme.lookingAt() || grapheme.end() != text.length()) {
            return false;
        }
        int first = text.codePointAt(0);
        if (isKeycapBase(first)) {
            return text.indexOf(KEYCAP) > 0;
        }
        return isPictographic(first) || (text.indexOf(EMOJI_PRESENTATION) > 0 && isSymbol(first));
    }

    private static boolean isKeycapBase(int cp) {
        return (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
    }

    /** The blocks of UTS #51's emoji that are emoji by default (pictographs, emoticons, flags, dingbats...). */
    private static boolean isPictographic(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF) // mahjong to symbols and pictographs extended-A, flags included
                || (cp >= 0x2600 && cp <= 0x27BF) // miscellaneous symbols, dingbats
                || (cp >= 0x231A && cp <= 0x23FF) // watch, hourglass, media controls
                || cp == 0x2B50 || cp == 0x2B55 || (cp >= 0x2B1B && cp <= 0x2B1C);
    }

    /** Text-style symbols that become emoji with U+FE0F (©, ®, ‼, ™, arrows, geometric shapes...). */
    private static boolean isSymbol(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL || type == Character.OTHER_PUNCTUATION;
    }
}
