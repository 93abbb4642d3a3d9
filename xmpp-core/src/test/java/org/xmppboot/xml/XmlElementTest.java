package org.xmppboot.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XmlElementTest {

    @Test
    void writesMinimalNamespaceDeclarations() {
        XmlElement message = new XmlElement("message", "jabber:client").setAttribute("to", "a@b");
        message.addElement("body").setText("hi");
        message.addElement("delay", "urn:xmpp:delay").setAttribute("stamp", "2002-09-10T23:08:25Z");

        assertThat(message.toXml()).isEqualTo("<message xmlns=\"jabber:client\" to=\"a@b\"><body>hi</body>"
                + "<delay xmlns=\"urn:xmpp:delay\" stamp=\"2002-09-10T23:08:25Z\"/></message>");

        StringBuilder inStream = new StringBuilder();
        XmlWriter.write(message, "jabber:client", inStream);
        assertThat(inStream).hasToString("<message to=\"a@b\"><body>hi</body>"
                + "<delay xmlns=\"urn:xmpp:delay\" stamp=\"2002-09-10T23:08:25Z\"/></message>");
    }

    @Test
    void escapesTextAndAttributesIncludingTheCdataEnd() {
        XmlElement e = new XmlElement("body", "jabber:client")
                .setAttribute("a", "<\"quoted\" & 'single'>\t\n\r")
                .setText("a < b && c > d ]]> end\r\n");
        String xml = e.toXml();

        assertThat(xml).isEqualTo("<body xmlns=\"jabber:client\" a=\"&lt;&quot;quoted&quot; &amp; 'single'&gt;"
                + "&#9;&#10;&#13;\">a &lt; b &amp;&amp; c &gt; d ]]&gt; end&#13;\n</body>");
        XmlElement back = XmlElement.parse(xml);
        assertThat(back.attribute("a")).isEqualTo("<\"quoted\" & 'single'>\t\n\r");
        assertThat(back.text()).isEqualTo("a < b && c > d ]]> end\r\n");
    }

    @Test
    void textAndAttributeEscapingDifferOnlyInQuoteTabAndLineFeed() {
        for (char c = 0; c < 0x3000; c++) {
            String s = "x" + c + "y";
            StringBuilder text = new StringBuilder();
            StringBuilder attribute = new StringBuilder();
            boolean textRefused = escapes(() -> XmlWriter.escapeText(s, text));
            boolean attributeRefused = escapes(() -> XmlWriter.escapeAttribute(s, attribute));
            assertThat(attributeRefused).as("U+%04X refused alike", (int) c).isEqualTo(textRefused);
            String expected = switch (c) {
                case '"' -> "x&quot;y";
                case '\t' -> "x&#9;y";
                case '\n' -> "x&#10;y";
                default -> text.toString();
            };
            assertThat(attribute).as("U+%04X", (int) c).hasToString(expected);
        }
    }

    private static boolean escapes(Runnable write) {
        try {
            write.run();
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    @Test
    void refusesCharactersXmlCannotCarry() {
        XmlElement e = new XmlElement("body", "jabber:client").setText("bell \u0007");
        assertThatThrownBy(e::toXml).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0007");
        XmlElement lone = new XmlElement("body", "jabber:client").setAttribute("x", "\uD800");
        assertThatThrownBy(lone::toXml).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsAttributeOrderAndXmlLangAndRoundTripsByteExact() {
        String xml = "<message xmlns=\"jabber:client\" xml:lang=\"en\" to=\"a@b\" from=\"c@d/r\" id=\"1\" "
                + "type=\"chat\"><body>héllo ☃ 🎉</body><x xmlns=\"urn:custom\" k=\"v\"><y>z</y></x></message>";
        XmlElement parsed = XmlElement.parse(xml);

        assertThat(parsed.attribute("xml:lang")).isEqualTo("en");
        assertThat(parsed.attributes()).containsKeys("xml:lang", "to", "from", "id", "type");
        assertThat(parsed.element("x", "urn:custom").childText("y", "urn:custom")).isEqualTo("z");
        assertThat(parsed.toXml()).isEqualTo(xml);
        assertThat(parsed.copy().toXml()).isEqualTo(xml);
    }

    @Test
    void namespacedAttributesGetAPrefix() {
        XmlElement e = new XmlElement("item", "urn:a").setAttribute("{urn:b}flag", "1");
        String xml = e.toXml();
        XmlElement back = XmlElement.parse(xml);
        assertThat(back.attribute("{urn:b}flag")).isEqualTo("1");
        assertThat(back.toXml()).isEqualTo(xml);
    }

    @Test
    void copyIsDeepAndIndependent() {
        XmlElement original = XmlElement.parse("<a xmlns='urn:x'><b>1</b></a>");
        XmlElement copy = original.copy();
        copy.element("b", "urn:x").setText("2");
        copy.setAttribute("k", "v");

        assertThat(original.toXml()).isEqualTo("<a xmlns=\"urn:x\"><b>1</b></a>");
        assertThat(copy.toXml()).isEqualTo("<a xmlns=\"urn:x\" k=\"v\"><b>2</b></a>");
    }

    @Test
    void childrenAreEditable() {
        XmlElement e = XmlElement.parse("<a xmlns='urn:x'><b/>text<c/><b/></a>");
        assertThat(e.elements("b", "urn:x")).hasSize(2);
        assertThat(e.removeElements("b", "urn:x")).isEqualTo(2);
        assertThat(e.toXml()).isEqualTo("<a xmlns=\"urn:x\">text<c/></a>");
        assertThat(e.text()).isEqualTo("text");
        e.setText(null);
        assertThat(e.toXml()).isEqualTo("<a xmlns=\"urn:x\"><c/></a>");
    }

    @Test
    void deepTreesAreWrittenWithoutRecursion() {
        XmlElement root = new XmlElement("a", "urn:x");
        XmlElement current = root;
        for (int i = 0; i < 100_000; i++) {
            current = current.addElement("a");
        }
        String inner = "<a>".repeat(99_999) + "<a/>" + "</a>".repeat(99_999);
        assertThat(root.toXml()).isEqualTo("<a xmlns=\"urn:x\">" + inner + "</a>");
    }
}
