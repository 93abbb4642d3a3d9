package org.xmppboot.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quoting the peer's text in our own output. */
class XmlWriterTest {

    private static String written(String text) {
        StringBuilder out = new StringBuilder();
        XmlWriter.escapeText(text, out);
        return out.toString();
    }

    @Test
    void quotedTextIsAlwaysWritableAndOnOneLine() {
        String hostile = "a\uD800b\uDFFFc\uFFFE\uFFFF\u0000\u001B\u0085\t\r\nz";
        String quoted = XmlWriter.quotable(hostile, 100);
        assertThat(quoted).isEqualTo("a\\uD800b\\uDFFFc\\uFFFE\\uFFFF\\u0000\\u001B\\u0085   z");
        assertThat(written(quoted)).isEqualTo(quoted);
    }

    @Test
    void printableTextAndSurrogatePairsAreKeptAsTheyAre() {
        String text = "caf\u00E9 \uD83D\uDE00 <&>";
        assertThat(XmlWriter.quotable(text, 100)).isSameAs(text);
    }

    @Test
    void longTextIsCutButNeverInsideAPair() {
        assertThat(XmlWriter.quotable("x".repeat(1000), 10)).isEqualTo("x".repeat(10) + "\u2026");
        assertThat(XmlWriter.quotable("abc\uD83D\uDE00", 4)).isEqualTo("abc\u2026");
        assertThat(XmlWriter.quotable("abc\uD83D\uDE00", 5)).isEqualTo("abc\uD83D\uDE00");
        assertThat(XmlWriter.quotable("\u0000".repeat(1000), 3)).isEqualTo("\\u0000".repeat(3) + "\u2026");
    }
}
