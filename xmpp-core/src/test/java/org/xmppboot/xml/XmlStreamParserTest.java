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

    // ------------------------------------------------------------------ limits counted from the bytes fed

    /** XMLStream reads 4 KiB at a time. */
    private static final int WINDOW = 4096;

    /**
     * Feeds bytes[from, to) as consecutive 4 KiB slices of the same array, so every feed but the first starts at a
     * non-zero array offset: aalto 1.4 adds that offset to the byte offsets it reports.
     */
    private static void feedSliced(XmlStreamParser parser, byte[] bytes, int from, int to) throws XmlStreamException {
        for (int p = from; p < to; p += WINDOW) {
            parser.feed(bytes, p, Math.min(WINDOW, to - p));
        }
    }

    /** Feeds the way XMLStream's read loop does: each chunk copied to the start of one reused window. */
    private static void feedThroughWindow(XmlStreamParser parser, byte[] bytes) throws XmlStreamException {
        byte[] window = new byte[WINDOW];
        for (int p = 0; p < bytes.length; p += WINDOW) {
            int n = Math.min(WINDOW, bytes.length - p);
            System.arraycopy(bytes, p, window, 0, n);
            parser.feed(window, 0, n);
        }
    }

    /** Text of exactly {@code bytes} UTF-8 bytes mixing 1-, 2-, 3- and 4-byte characters (some split by chunks). */
    private static String utf8Text(int bytes) {
        StringBuilder sb = new StringBuilder(bytes);
        for (int i = 0; i < bytes / 10; i++) {
            sb.append("a\u00e9\u65e5\ud83c\udf39"); // a é 日 🌹: 1 + 2 + 3 + 4 bytes
        }
        return sb.append("a".repeat(bytes % 10)).toString();
    }

    /** A message stanza of exactly {@code bytes} UTF-8 bytes whose body text spans many chunks. */
    private static String stanza(int bytes) {
        String s = "<message><body>" + utf8Text(bytes - 32) + "</body></message>";
        assertThat(s.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return s;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stanzaJustUnderTheLimitIsAcceptedWhateverTheChunking() throws Exception {
        String body = utf8Text(1_000_000 - 32);
        byte[] bytes = utf8(HEADER + "<presence/>" + stanza(1_000_000) + "<presence/>");
        Recorder sliced = new Recorder();
        feedSliced(new XmlStreamParser(XmlLimits.DEFAULTS, sliced), bytes, 0, bytes.length);
        Recorder windowed = new Recorder();
        feedThroughWindow(new XmlStreamParser(XmlLimits.DEFAULTS, windowed), bytes);
        for (Recorder r : List.of(sliced, windowed)) {
            assertThat(r.events).hasSize(4);
            assertThat(r.events.get(2)).isEqualTo("<message xmlns=\"jabber:client\"><body>" + body + "</body></message>");
        }
    }

    @Test
    void theStanzaLimitIsExactInBytesFedAndLeavesOutWhitespaceBetweenStanzas() throws Exception {
        int limit = XmlLimits.DEFAULTS.maxStanzaBytes();
        // Stanzas before, so the slices holding the big one lie far into the array.
        String before = HEADER + (stanza(20_000) + "\n").repeat(20) + " ".repeat(3 * WINDOW);
        byte[] exact = utf8(before + stanza(limit) + "<presence/>");
        Recorder accepted = new Recorder();
        feedSliced(new XmlStreamParser(XmlLimits.DEFAULTS, accepted), exact, 0, exact.length);
        assertThat(accepted.events).hasSize(23);

        byte[] over = utf8(before + stanza(limit + 1) + "<presence/>");
        Recorder refused = new Recorder();
        XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, refused);
        assertThatThrownBy(() -> feedSliced(parser, over, 0, over.length))
                .isInstanceOf(XmlStreamException.class)
                .extracting(e -> ((XmlStreamException) e).condition()).isEqualTo("policy-violation");
        assertThat(refused.events).hasSize(21);
    }

    /**
     * Several hundred 20 KB stanzas, then a unit that never ends: it must be refused once more than the limit of
     * its bytes have been fed, and no more than one window later.
     */
    private static void assertNeverEndingUnitIsRefusedWithinOneWindow(String opening, char filler) throws Exception {
        int limit = XmlLimits.DEFAULTS.maxStanzaBytes();
        byte[] prefix = utf8(HEADER + stanza(20_000).repeat(300) + opening);
        Recorder r = new Recorder();
        XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, r);
        feedSliced(parser, prefix, 0, prefix.length);
        assertThat(r.events).hasSize(301);
        byte[] chunk = utf8(String.valueOf(filler).repeat(WINDOW));
        long unitFed = utf8(opening).length;
        XmlStreamException error = null;
        while (unitFed < 64L * limit) {
            unitFed += chunk.length;
            try {
                parser.feed(chunk, 0, chunk.length);
            } catch (XmlStreamException e) {
                error = e;
                break;
            }
        }
        assertThat(error).isNotNull();
        assertThat(error.condition()).isEqualTo("policy-violation");
        assertThat(unitFed).isGreaterThan(limit).isLessThanOrEqualTo(limit + WINDOW);
    }

    @Test
    void unterminatedAttributeValueAfterManyStanzasIsRefusedAtTheLimit() throws Exception {
        assertNeverEndingUnitIsRefusedWithinOneWindow("<message to='", 'y');
    }

    @Test
    void unterminatedTextAfterManyStanzasIsRefusedAtTheLimit() throws Exception {
        assertNeverEndingUnitIsRefusedWithinOneWindow("<message><body>", 'y');
    }

    @Test
    void endlessStartTagAfterManyStanzasIsRefusedAtTheLimit() throws Exception {
        assertNeverEndingUnitIsRefusedWithinOneWindow("<message a", 'a');
    }

    /** A parser whose listener asks for a stream restart after every SASL success, like XMLStream does. */
    private static XmlStreamParser resettingParser(List<String> events) {
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
        return holder[0];
    }

    @Test
    void resetInTheMiddleOfAChunkAfterLongChunkSpanningTextStartsTheNewStreamAtTheRightByte() throws Exception {
        String before = HEADER + stanza(20_000).repeat(50);
        // Put <success/> 100 bytes into a slice, so that it and the new header share that slice.
        int pad = Math.floorMod(100 - utf8(before).length, WINDOW);
        byte[] bytes = utf8(before + " ".repeat(pad) + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
                + HEADER.replace("id='s1'", "id='s2'") + "<features/>");
        List<String> events = new ArrayList<>();
        feedSliced(resettingParser(events), bytes, 0, bytes.length);
        assertThat(events).hasSize(54);
        assertThat(events.subList(51, 54)).containsExactly("success", "start s2", "features");
    }

    @Test
    void twoResetsInOneChunk() throws Exception {
        String success = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
        byte[] bytes = utf8(HEADER + success + HEADER.replace("id='s1'", "id='s2'") + success
                + HEADER.replace("id='s1'", "id='s3'") + "<features/>");
        List<String> events = new ArrayList<>();
        resettingParser(events).feed(bytes, 0, bytes.length);
        assertThat(events).containsExactly("start s1", "success", "start s2", "success", "start s3", "features");
    }

    @Test
    void namespaceDeclarationsCountAsAttributes() throws Exception {
        StringBuilder sb = new StringBuilder(HEADER).append("<message");
        for (int i = 0; i < 5000; i++) {
            sb.append(" xmlns:p").append(i).append("='urn:x:").append(i).append('\'');
        }
        assertThat(conditionOf(sb.append("/>").toString())).isEqualTo("policy-violation");

        // Under a limit of 8: five attributes and three declarations pass, one more declaration does not.
        XmlLimits limits = new XmlLimits(64 * 1024, 64, 8);
        String eight = "<message xmlns='jabber:client' xmlns:a='urn:a' xmlns:b='urn:b' to='x@y' from='y@x' "
                + "type='chat' id='m1' xml:lang='en'><a:x/><b:y/></message>";
        Recorder r = new Recorder();
        byte[] ok = utf8(HEADER + eight);
        new XmlStreamParser(limits, r).feed(ok, 0, ok.length);
        assertThat(r.events).hasSize(2);
        byte[] nine = utf8(HEADER + eight.replace("xmlns:b='urn:b'", "xmlns:b='urn:b' xmlns:c='urn:c'"));
        assertThatThrownBy(() -> new XmlStreamParser(limits, new Recorder()).feed(nine, 0, nine.length))
                .isInstanceOf(XmlStreamException.class)
                .extracting(e -> ((XmlStreamException) e).condition()).isEqualTo("policy-violation");
    }

    @Test
    void parseElementHelper() {
        XmlElement e = XmlElement.parse("<query xmlns='jabber:iq:version'><name>x</name></query>");
        assertThat(e.qualifiedName()).isEqualTo("{jabber:iq:version}query");
        assertThat(e.childText("name", "jabber:iq:version")).isEqualTo("x");
    }
}
