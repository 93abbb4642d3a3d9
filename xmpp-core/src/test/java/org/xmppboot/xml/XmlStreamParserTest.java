package org.xmppboot.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class XmlStreamParserTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='s1' version='1.0' "
            + "xml:lang='en'>";

    /** Collects what the parser reports, as strings. */
    static final class Recorder implements XmlStreamParser.Listener {
        final List<String> events = new ArrayList<>();
        XmlElement header;
        String defaultNamespace;

        @Override
        public void streamStart(XmlElement header, String defaultNamespace) {
            this.header = header;
            this.defaultNamespace = defaultNamespace;
            events.add("start " + header.qualifiedName());
        }

        @Override
        public void element(XmlElement element) {
            events.add(element.toXml());
        }

        @Override
        public void streamEnd() {
            events.add("end");
        }
    }

    private static Recorder parse(String text) throws XmlStreamException {
        Recorder recorder = new Recorder();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        new XmlStreamParser(XmlLimits.DEFAULTS, recorder).feed(bytes, 0, bytes.length);
        return recorder;
    }

    private static String conditionOf(String text) {
        try {
            parse(text);
        } catch (XmlStreamException e) {
            return e.condition();
        }
        return "none";
    }

    @Test
    void reportsHeaderStanzasAndEnd() throws Exception {
        Recorder r = parse(HEADER + "<message to='a@b' type='chat'><body>hi &amp; &lt;bye&gt;</body></message>"
                + " \n<presence/></stream:stream>");
        assertThat(r.header.attribute("from")).isEqualTo("example.com");
        assertThat(r.header.attribute("xml:lang")).isEqualTo("en");
        assertThat(r.defaultNamespace).isEqualTo("jabber:client");
        assertThat(r.events).containsExactly(
                "start {http://etherx.jabber.org/streams}stream",
                "<message xmlns=\"jabber:client\" to=\"a@b\" type=\"chat\"><body>hi &amp; &lt;bye&gt;</body></message>",
                "<presence xmlns=\"jabber:client\"/>",
                "end");
    }

    @Test
    void sameResultAtEverySplitPointIncludingInsideMultiByteCharacters() throws Exception {
        String stream = HEADER
                + "<message from='juliet@capulet.example/balcony' type='chat' id='m1'>"
                + "<body>Wherefore art thou, Ромео? 🌹 ñ € 日本</body><thread>t-1</thread>"
                + "<delay xmlns='urn:xmpp:delay' stamp='2002-09-10T23:08:25Z'/></message>"
                + "<presence><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v='/></presence>"
                + "<iq type='result' id='i1'><query xmlns='http://jabber.org/protocol/disco#items'>"
                + "<item jid='x@y' name='a &quot;q&quot;'/><![CDATA[<raw>]]></query></iq></stream:stream>";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<String> expected = parse(stream).events;
        assertThat(expected).hasSize(5);
        for (int split = 1; split < bytes.length; split++) {
            Recorder r = new Recorder();
            XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, r);
            parser.feed(bytes, 0, split);
            parser.feed(bytes, split, bytes.length - split);
            assertThat(r.events).as("split at byte %d", split).isEqualTo(expected);
        }
        // And byte by byte.
        Recorder r = new Recorder();
        XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, r);
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1);
        }
        assertThat(r.events).isEqualTo(expected);
    }

    @Test
    void refusesDtdAndEntities() {
        assertThat(conditionOf("<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY x 'y'>]>" + HEADER.substring(21)))
                .isEqualTo("restricted-xml");
        assertThat(conditionOf(HEADER + "<message><body>&x;</body></message>")).isIn("restricted-xml");
        assertThat(conditionOf(HEADER + "<!-- hello --><message/>")).isEqualTo("restricted-xml");
        assertThat(conditionOf(HEADER + "<?pi data?><message/>")).isEqualTo("restricted-xml");
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        String laughs = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
                + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
                + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>&lol3;";
        assertThat(conditionOf(laughs)).isEqualTo("restricted-xml");
    }

    @Test
    void externalEntityIsNeverFetched() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE s [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><message>&xxe;</message>";
        assertThat(conditionOf(xxe)).isEqualTo("restricted-xml");
    }

    @Test
    void malformedXmlIsNotWellFormed() {
        assertThat(conditionOf(HEADER + "<message><body></message>")).isEqualTo("not-well-formed");
        assertThat(conditionOf(HEADER + "<message a='1' a='2'/>")).isEqualTo("not-well-formed");
        assertThat(conditionOf(HEADER + "<message><x:y/></message>")).isEqualTo("bad-namespace-prefix");
        assertThat(conditionOf(HEADER + "hello")).isEqualTo("bad-format");
    }

    @Test
    void invalidUtf8IsNotWellFormed() throws Exception {
        Recorder r = new Recorder();
        XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, r);
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        parser.feed(header, 0, header.length);
        byte[] bad = {'<', 'm', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'm', '>'};
        assertThatThrownBy(() -> parser.feed(bad, 0, bad.length))
                .isInstanceOf(XmlStreamException.class)
                .extracting(e -> ((XmlStreamException) e).condition()).isEqualTo("not-well-formed");
    }

    @Test
    void otherEncodingsAreUnsupported() {
        assertThat(conditionOf("<?xml version='1.0' encoding='ISO-8859-1'?><stream:stream "
                + "xmlns:stream='http://etherx.jabber.org/streams'>")).isEqualTo("unsupported-encoding");
    }

    @Test
    void deepNestingIsAPolicyViolationWithoutRecursion() {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 10_000; i++) {
            sb.append("<a>");
        }
        assertThat(conditionOf(sb.toString())).isEqualTo("policy-violation");
    }

    @Test
    void tooManyAttributesIsAPolicyViolation() {
        StringBuilder sb = new StringBuilder(HEADER).append("<message");
        for (int i = 0; i < 100; i++) {
            sb.append(" a").append(i).append("='x'");
        }
        assertThat(conditionOf(sb.append("/>").toString())).isEqualTo("policy-violation");
    }

    @Test
    void hugeStanzaIsRefusedAfterTheLimitNotAfterAllOfIt() throws Exception {
        XmlLimits limits = new XmlLimits(64 * 1024, 64, 64);
        Recorder r = new Recorder();
        XmlStreamParser parser = new XmlStreamParser(limits, r);
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        parser.feed(header, 0, header.length);
        byte[] open = "<message><body>".getBytes(StandardCharsets.UTF_8);
        parser.feed(open, 0, open.length);
        byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.UTF_8);
        long fed = 0;
        XmlStreamException error = null;
        // Up to 50 MiB, but it must stop right after 64 KiB.
        while (fed < 50L * 1024 * 1024) {
            try {
                parser.feed(chunk, 0, chunk.length);
            } catch (XmlStreamException e) {
                error = e;
                break;
            }
            fed += chunk.length;
        }
        assertThat(error).isNotNull();
        assertThat(error.condition()).isEqualTo("policy-violation");
        assertThat(fed).isLessThanOrEqualTo(64 * 1024 + chunk.length);
    }

    @Test
    void hugeAttributeValueIsAlsoBounded() throws Exception {
        XmlLimits limits = new XmlLimits(64 * 1024, 64, 64);
        XmlStreamParser parser = new XmlStreamParser(limits, new Recorder());
        byte[] start = (HEADER + "<message to='").getBytes(StandardCharsets.UTF_8);
        parser.feed(start, 0, start.length);
        byte[] chunk = "y".repeat(8192).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 6400; i++) {
                parser.feed(chunk, 0, chunk.length);
            }
        }).isInstanceOf(XmlStreamException.class).hasMessageContaining("larger than");
    }

    @Test
    void stanzaExactlyUnderTheLimitPasses() throws Exception {
        XmlLimits limits = new XmlLimits(2048, 64, 64);
        String stanza = "<message><body>" + "z".repeat(1900) + "</body></message>";
        Recorder r = new Recorder();
        byte[] bytes = (HEADER + stanza).getBytes(StandardCharsets.UTF_8);
        new XmlStreamParser(limits, r).feed(bytes, 0, bytes.length);
        assertThat(r.events).hasSize(2);
    }

    @Test
    void randomBytesEndInAStreamErrorNotACrash() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            byte[] junk = new byte[1 + random.nextInt(4096)];
            random.nextBytes(junk);
            Recorder r = new Recorder();
            XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, r);
            byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
            try {
                parser.feed(header, 0, header.length);
                parser.feed(junk, 0, junk.length);
            } catch (XmlStreamException e) {
                assertThat(e.condition()).isIn("not-well-formed", "bad-format", "restricted-xml",
                        "bad-namespace-prefix", "policy-violation");
            }
        }
    }

    @Test
    void resetAfterAnElementFeedsTheRestToANewDocument() throws Exception {
        List<String> events = new ArrayList<>();
        XmlStreamParser[] holder = new XmlStreamParser[1];
        holder[0] = new XmlStreamParser(XmlLimits.DEFAULTS, new XmlStreamParser.Listener() {
            @Override
            public void streamStart(XmlElement header, String ns) {
                events.add("start " + header.attribute("id"));
            }

            @Override
            public void element(XmlElement element) {
                events.add(element.name());
                if (element.name().equals("success")) {
                    holder[0].requestReset();
                }
            }

            @Override
            public void streamEnd() {
                events.add("end");
            }
        });
        String text = HEADER + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
                + HEADER.replace("id='s1'", "id='s2'") + "<features/>";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        holder[0].feed(bytes, 0, bytes.length);
        assertThat(events).containsExactly("start s1", "success", "start s2", "features");
    }

    @Test
    void parseElementHelper() {
        XmlElement e = XmlElement.parse("<query xmlns='jabber:iq:version'><name>x</name></query>");
        assertThat(e.qualifiedName()).isEqualTo("{jabber:iq:version}query");
        assertThat(e.childText("name", "jabber:iq:version")).isEqualTo("x");
    }
}
