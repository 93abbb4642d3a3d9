package org.xmppboot.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Only well-formed UTF-8 reaches the XML parser: no overlong form, surrogate or code point above U+10FFFF. */
class Utf8CheckTest {

    private static final String HEADER = "<stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams'>";

    private static int firstInvalid(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new Utf8Check().firstInvalid(b, 0, b.length);
    }

    @Test
    void wellFormedSequencesPassAtTheirEdges() {
        assertThat(firstInvalid('a', 0x7F)).isEqualTo(-1);
        assertThat(firstInvalid(0xC2, 0x80, 0xDF, 0xBF)).isEqualTo(-1);
        assertThat(firstInvalid(0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xEF, 0xBF, 0xBD)).isEqualTo(-1);
        assertThat(firstInvalid(0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF)).isEqualTo(-1);
        byte[] all = "a\u00E9\u20AC\uD83D\uDE00\uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8);
        assertThat(new Utf8Check().firstInvalid(all, 0, all.length)).isEqualTo(-1);
    }

    @Test
    void overlongFormsSurrogatesAndCodePointsAboveTheLastAreRefused() {
        assertThat(firstInvalid('a', 0xC0, 0x80)).as("overlong U+0000").isEqualTo(1);
        assertThat(firstInvalid(0xC1, 0xBF)).as("overlong U+007F").isZero();
        assertThat(firstInvalid(0xE0, 0x80, 0xAF)).as("overlong '/'").isEqualTo(1);
        assertThat(firstInvalid(0xF0, 0x80, 0x80, 0xAF)).as("overlong '/'").isEqualTo(1);
        assertThat(firstInvalid(0xED, 0xA0, 0x80)).as("U+D800").isEqualTo(1);
        assertThat(firstInvalid(0xF4, 0x90, 0x80, 0x80)).as("U+110000").isEqualTo(1);
        assertThat(firstInvalid(0xF5, 0x80, 0x80, 0x80)).isZero();
        assertThat(firstInvalid(0xFF)).isZero();
        assertThat(firstInvalid('a', 0x80)).as("a continuation byte with no lead").isEqualTo(1);
        assertThat(firstInvalid(0xC3, 0x28)).as("a lead byte with no continuation").isEqualTo(1);
    }

    @Test
    void aCharacterSplitBetweenChunksIsCheckedAcrossThem() {
        Utf8Check check = new Utf8Check();
        byte[] euro = "\u20AC".getBytes(StandardCharsets.UTF_8);
        assertThat(check.firstInvalid(euro, 0, 1)).isEqualTo(-1);
        assertThat(check.firstInvalid(euro, 1, 3)).isEqualTo(-1);
        byte[] surrogate = {(byte) 0xED, (byte) 0xBF, (byte) 0xBF};
        assertThat(check.firstInvalid(surrogate, 0, 1)).isEqualTo(-1);
        assertThat(check.firstInvalid(surrogate, 1, 3)).isEqualTo(1);
    }

    @Test
    void theParserEndsTheStreamAfterWhatCameBeforeTheBadByte() throws Exception {
        int[][] sequences = {{0xC0, 0x80}, {0xE0, 0x80, 0xAF}, {0xF4, 0x90, 0x80, 0x80}, {0xF0, 0x80, 0x80, 0xAF}};
        for (int[] bad : sequences) {
            List<String> seen = new ArrayList<>();
            XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, new XmlStreamParser.Listener() {
                @Override
                public void streamStart(XmlElement header, String defaultNamespace) {
                }

                @Override
                public void element(XmlElement element) {
                    seen.add(element.toXml());
                }

                @Override
                public void streamEnd() {
                }
            });
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            in.writeBytes((HEADER + "<message/><message><body>a").getBytes(StandardCharsets.UTF_8));
            for (int b : bad) {
                in.write(b);
            }
            in.writeBytes("b</body></message>".getBytes(StandardCharsets.UTF_8));
            byte[] bytes = in.toByteArray();
            assertThatThrownBy(() -> parser.feed(bytes, 0, bytes.length)).isInstanceOf(XmlStreamException.class)
                    .hasMessageContaining("Invalid UTF-8")
                    .extracting(e -> ((XmlStreamException) e).condition()).isEqualTo("not-well-formed");
            assertThat(seen).as("the stanza before the bad bytes").hasSize(1);
        }
    }
}
