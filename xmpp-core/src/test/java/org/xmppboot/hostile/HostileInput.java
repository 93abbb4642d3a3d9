package org.xmppboot.hostile;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.xmppboot.hostile.HostileCase.Category;
import org.xmppboot.hostile.HostileCase.Stage;
import org.xmppboot.hostile.Payload.After;
import org.xmppboot.hostile.Payload.Bytes;
import org.xmppboot.hostile.Payload.Delivery;
import org.xmppboot.stanza.StreamError;

/**
 * Generates the hostile bytes of one case from its random source. At the header stage a valid stream header comes
 * first, unless the hostility is in the header (or before it) itself.
 */
final class HostileInput {

    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='" + FakeServer.DOMAIN + "' id='hostile' "
            + "version='1.0'>";
    private static final String HEADER_OPEN = "<stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' id='";
    private static final String STREAMS = "urn:ietf:params:xml:ns:xmpp-streams";
    /** The client's stanza limit in these tests (see CaseRunner): endless input goes well beyond it. */
    static final int LIMIT = 64 * 1024;
    /** The body of the one honest message in a spoofing case, from a friend: the echo bot answers that one. */
    static final String FRIEND_MARK = "from a friend";

    private static final int[][] BAD_UTF8 = {
        {0xFF}, {0xFE}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80},
        {0xF8, 0x88, 0x80, 0x80, 0x80}, {0x80}, {0xBF}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xE0, 0x80, 0xAF},
        {0xEF, 0xBF, 0xBE}, {0xEF, 0xBF, 0xBF}, {0x00}, {0x1B}, {0x0B}
    };
    private static final String[] BAD_REFERENCES = {
        "&#xD800;", "&#xDFFF;", "&#xDBFF;&#xDC00;", "&#0;", "&#x1;", "&#x1F;", "&#xFFFE;", "&#xFFFF;", "&#x110000;",
        "&#99999999999999999999;", "&#xFFFFFFFF;", "&#x;", "&#;", "&#-1;", "&#55296;"
    };

    private final Random random;
    private final Stage stage;
    private final StreamError.Condition condition;

    HostileInput(Random random, Stage stage, StreamError.Condition condition) {
        this.random = random;
        this.stage = stage;
        this.condition = condition;
    }

    Payload payload(Category category) {
        return switch (category) {
            case INVALID_UTF8 -> invalidUtf8();
            case INVALID_CHARACTER_REFERENCE -> invalidReference();
            case BYTE_ORDER_MARK -> byteOrderMark();
            case DTD_AND_ENTITIES -> dtd();
            case DEEP_NESTING -> deepNesting();
            case ENDLESS_ELEMENT -> endless();
            case HUGE_ATTRIBUTES -> hugeAttributes();
            case FLOOD -> flood(false);
            case SLOW_DRIP -> slowDrip();
            case STREAM_ERROR -> streamError();
            case GARBAGE_AFTER_CLOSE -> garbageAfterClose();
            case BAD_HEADER -> badHeader();
            case TRUNCATED_TLS -> truncatedTls();
            case SPOOFED_SELF -> spoofedSelf();
            case HALF_OPEN -> flood(true);
        };
    }

    // ------------------------------------------------------------------------------------------ the categories

    private Payload invalidUtf8() {
        int[] bad = pick(BAD_UTF8);
        String where = pick("text", "attribute", "name", "between stanzas", "header");
        Bytes b = new Bytes();
        switch (where) {
            case "text" -> b.text(prefix() + "<message><body>ok ").raw(bad).text(" ok</body></message>");
            case "attribute" -> b.text(prefix() + "<message id='a").raw(bad).text("b'/>");
            case "name" -> b.text(prefix() + "<mess").raw(bad).text("age/>");
            case "between stanzas" -> b.text(prefix() + "<message/>").raw(bad).text("<message/>");
            default -> b.text(HEADER_OPEN).raw(bad).text(headerEnd());
        }
        return refused(b.bytes(), anyDelivery(), anyAfter(), "bytes " + hex(bad) + " in the " + where);
    }

    private Payload invalidReference() {
        String reference = pick(BAD_REFERENCES);
        String where = pick("text", "attribute", "header");
        String xml = switch (where) {
            case "text" -> prefix() + "<message><body>" + reference + "</body></message>";
            case "attribute" -> prefix() + "<message id='" + reference + "'/>";
            default -> HEADER_OPEN + reference + headerEnd();
        };
        return refused(xml.getBytes(StandardCharsets.UTF_8), anyDelivery(), anyAfter(),
                reference + " in the " + where);
    }

    private Payload byteOrderMark() {
        String variant = pick("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "UTF-8", "UTF-8 declaring UTF-16",
                "bare marks");
        Bytes b = new Bytes();
        String body = stage == Stage.HEADER ? HEADER : "<message><body>x</body></message>";
        if (stage != Stage.HEADER) {
            b.text(prefix());
        }
        switch (variant) {
            case "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE" -> b.text("\uFEFF" + body, Charset.forName(variant));
            case "UTF-8" -> b.text("\uFEFF" + body);
            case "UTF-8 declaring UTF-16" -> b.text("\uFEFF<?xml version='1.0' encoding='UTF-16'?>" + body);
            default -> b.raw(0xFF, 0xFE, 0xFE, 0xFF, 0xEF, 0xBB, 0xBF, 0x00, 0x00, 0xFE, 0xFF).text(body);
        }
        return payload(b.bytes(), anyDelivery(), anyAfter(), "a byte-order mark, " + variant);
    }

    private Payload dtd() {
        String variant = pick("XXE", "billion laughs", "external DTD", "parameter entities", "entity reference",
                "comment", "processing instruction", "DOCTYPE mid-stream");
        String dtd = switch (variant) {
            case "XXE" -> "<!DOCTYPE stream:stream [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
            case "billion laughs" -> billionLaughs();
            case "external DTD" -> "<!DOCTYPE stream:stream SYSTEM \"http://127.0.0.1:9/evil.dtd\">";
            case "parameter entities" -> "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p\"> %p;]>";
            default -> "";
        };
        String use = switch (variant) {
            case "billion laughs" -> "<message><body>&lol9;</body></message>";
            case "comment" -> "<!-- " + "x".repeat(random.nextInt(100)) + " -->";
            case "processing instruction" -> "<?evil x?>";
            case "DOCTYPE mid-stream" -> "<!DOCTYPE x [<!ENTITY e \"e\">]><message>&e;</message>";
            default -> "<message><body>&xxe;</body></message>";
        };
        String xml = stage == Stage.HEADER && !dtd.isEmpty()
                ? "<?xml version='1.0'?>" + dtd + HEADER.substring(21) + use : prefix() + dtd + use;
        return refused(xml.getBytes(StandardCharsets.UTF_8), anyDelivery(), anyAfter(), variant);
    }

    private static String billionLaughs() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE stream:stream [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return sb.append("]>").toString();
    }

    private Payload deepNesting() {
        int depth = pick(List.of(65, 100, 1_000, 10_000, 100_000));
        boolean namespaces = random.nextBoolean();
        StringBuilder sb = new StringBuilder(prefix()).append("<message>");
        for (int i = 0; i < depth; i++) {
            sb.append(namespaces ? "<a xmlns='urn:n:" + i + "'>" : "<a>");
        }
        return refused(sb.toString().getBytes(StandardCharsets.UTF_8), anyDelivery(), anyAfter(),
                depth + " levels" + (namespaces ? ", a namespace each" : ""));
    }

    private Payload endless() {
        String variant = pick("text", "attribute value", "element name", "whitespace", "comment", "CDATA", "header");
        String start = switch (variant) {
            case "text" -> prefix() + "<message><body>";
            case "attribute value" -> prefix() + "<message id='";
            case "element name" -> prefix() + "<m";
            case "whitespace" -> prefix();
            case "comment" -> prefix() + "<!--";
            case "CDATA" -> prefix() + "<message><body><![CDATA[";
            default -> stage == Stage.HEADER ? HEADER_OPEN : prefix() + HEADER_OPEN;
        };
        String unit = variant.equals("whitespace") ? " \n\t" : variant.equals("element name") ? "m" : "x";
        byte[] repeated = unit.repeat(4096 / unit.length()).getBytes(StandardCharsets.UTF_8);
        // Whitespace between stanzas is not held (it is dropped as it comes), so it has no limit to break.
        return new Payload(start.getBytes(StandardCharsets.UTF_8), repeated, pick(Delivery.WHOLE, Delivery.CHUNKED),
                anyAfter(), false, !variant.equals("whitespace"), "a never-ending " + variant);
    }

    private Payload hugeAttributes() {
        String variant = pick("many", "just under the limit", "one huge", "one within the limit", "duplicates",
                "many namespace declarations");
        StringBuilder sb = new StringBuilder(prefix()).append("<message");
        switch (variant) {
            case "many" -> appendAttributes(sb, 65 + random.nextInt(5000));
            case "just under the limit" -> appendAttributes(sb, 60);
            case "one huge" -> sb.append(" id='").append("x".repeat(LIMIT * (1 + random.nextInt(3)))).append('\'');
            case "one within the limit" -> sb.append(" id='").append("x".repeat(LIMIT / 2)).append('\'');
            case "duplicates" -> sb.append(" id='1' id='2'");
            default -> {
                for (int i = 0; i < 65 + random.nextInt(500); i++) {
                    sb.append(" xmlns:p").append(i).append("='urn:p:").append(i).append('\'');
                }
            }
        }
        sb.append(" from='friend@example.org/r' type='chat'><body>attributes</body></message>");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        boolean withinLimits = variant.contains("within") || variant.contains("under");
        return withinLimits ? payload(bytes, anyDelivery(), anyAfter(), variant)
                : refused(bytes, anyDelivery(), anyAfter(), variant);
    }

    private static void appendAttributes(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(" a").append(i).append("='").append(i).append('\'');
        }
    }

    /** Many small stanzas; for a half-open peer, messages with large bodies that the client's echo answers. */
    private Payload flood(boolean halfOpen) {
        int count = halfOpen ? 2_000 + random.nextInt(3_000) : 1_000 + random.nextInt(20_000);
        String body = halfOpen ? "y".repeat(1024 + random.nextInt(3072)) : "";
        StringBuilder sb = new StringBuilder(prefix());
        for (int i = 0; i < count; i++) {
            int kind = halfOpen ? 0 : random.nextInt(7);
            switch (kind) {
                case 0 -> sb.append("<message type='chat' from='friend@example.org/r'><body>").append(i).append(body)
                        .append("</body></message>");
                case 1 -> sb.append("<presence from='friend@example.org/r'/>");
                case 2 -> sb.append("<iq type='get' id='q").append(i)
                        .append("' from='friend@example.org/r'><query xmlns='urn:unknown'/></iq>");
                case 3 -> sb.append(' ');
                case 4 -> sb.append("<r xmlns='urn:xmpp:sm:3'/>");
                case 5 -> sb.append("<message/>");
                default -> sb.append("<foo xmlns='urn:bar'/>");
            }
        }
        After after = halfOpen ? pick(After.STOP_READING, After.CLOSE_STREAM, After.STALL) : anyAfter();
        String note = count + (halfOpen ? " echoed messages to a peer that stops reading" : " small stanzas");
        if (halfOpen && random.nextBoolean()) {
            sb.append("<stream:error><").append(condition.elementName()).append(" xmlns='").append(STREAMS)
                    .append("'/></stream:error>");
            note += ", then a stream error";
        }
        return payload(sb.toString().getBytes(StandardCharsets.UTF_8), pick(Delivery.WHOLE, Delivery.CHUNKED),
                after, note);
    }

    private Payload slowDrip() {
        String xml = pick(prefix() + "<message type='chat' from='friend@example.org/r'><body>drip</body></message>",
                prefix() + "<message><body></message>",
                stage == Stage.HEADER ? HEADER.substring(0, 60) : prefix() + "<iq type='get' id='d'",
                prefix() + "<message>" + "<a>".repeat(70));
        return payload(xml.getBytes(StandardCharsets.UTF_8), Delivery.DRIP, anyAfter(), "dripped " + xml.length()
                + " characters");
    }

    private Payload streamError() {
        String text = pick("", "<text xmlns='" + STREAMS + "'>bye</text>",
                "<text xmlns='" + STREAMS + "' xml:lang='en'>" + "long ".repeat(2_000) + "</text>",
                "<text xmlns='" + STREAMS + "'>&lt;&amp;&gt; \u00E9\uD83D\uDE00</text>",
                "<app-error xmlns='urn:example:app'/>");
        String conditionXml = condition == StreamError.Condition.SEE_OTHER_HOST
                ? "<see-other-host xmlns='" + STREAMS + "'>" + pick("127.0.0.1:9", "[::1]:9", "") + "</see-other-host>"
                : pick(1, 8) == 1 ? "<no-such-condition xmlns='" + STREAMS + "'/>"
                : "<" + condition.elementName() + " xmlns='" + STREAMS + "'/>";
        String xml = prefix() + "<stream:error>" + conditionXml + text + "</stream:error>";
        After after = pick(After.CLOSE_STREAM, After.STALL, After.STALL, After.STOP_READING, After.CLOSE_TCP,
                After.HALF_CLOSE);
        return payload(xml.getBytes(StandardCharsets.UTF_8), anyDelivery(), after, condition.elementName());
    }

    private Payload garbageAfterClose() {
        Bytes b = new Bytes().text(prefix() + "</stream:stream>");
        String variant = pick("random bytes", "a stanza", "a new header", "whitespace");
        switch (variant) {
            case "random bytes" -> {
                byte[] garbage = new byte[1 + random.nextInt(4096)];
                random.nextBytes(garbage);
                b.raw(garbage);
            }
            case "a stanza" -> b.text("<message type='chat' from='friend@example.org/r'><body>late</body></message>");
            case "a new header" -> b.text(HEADER);
            default -> b.text("   \n");
        }
        return payload(b.bytes(), anyDelivery(), pick(After.STALL, After.CLOSE_TCP, After.STOP_READING), variant);
    }

    private Payload badHeader() {
        String header = pick(
                "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>",
                "<stream xmlns='http://etherx.jabber.org/streams' version='1.0'>",
                "<stream:stream xmlns='jabber:client' xmlns:stream='urn:wrong' version='1.0'>",
                "<stream:stream xmlns='jabber:client' version='1.0'>",
                "<foo:stream xmlns='jabber:client' version='1.0'>",
                HEADER.substring(0, HEADER.length() - 1) + "/>",
                HEADER.replace("version='1.0'", "version='2.0'"),
                HEADER.replace(" version='1.0'", ""),
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
                "<?xml version='1.0'?><?xml version='1.0'?>" + HEADER.substring(21),
                "<?xml version='1.1'?>" + HEADER.substring(21),
                HEADER + HEADER,
                "</stream:stream>",
                "SSH-2.0-OpenSSH_9.6\r\n");
        return payload(header.getBytes(StandardCharsets.UTF_8), anyDelivery(), anyAfter(), header);
    }

    private Payload truncatedTls() {
        String variant = pick("garbage", "a record that never ends", "an alert", "XMPP in the clear", "silence",
                "an immediate close", "a corrupted record", "a cut record", "close_notify alone");
        Bytes b = new Bytes();
        boolean underTls = false;
        After after = pick(After.STALL, After.CLOSE_TCP, After.RESET);
        switch (variant) {
            case "garbage" -> {
                byte[] garbage = new byte[1 + random.nextInt(2048)];
                random.nextBytes(garbage);
                b.raw(garbage);
            }
            case "a record that never ends" -> b.raw(0x16, 0x03, 0x03, 0x40, 0x00, 0x02, 0x00, 0x00);
            case "an alert" -> b.raw(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28);
            case "XMPP in the clear" -> b.text(HEADER + "<stream:features/>");
            case "silence" -> after = After.STALL;
            case "an immediate close" -> after = pick(After.CLOSE_TCP, After.RESET);
            case "a corrupted record" -> {
                underTls = true;
                byte[] garbage = new byte[64];
                random.nextBytes(garbage);
                b.raw(0x17, 0x03, 0x03, 0x00, 0x40).raw(garbage);
            }
            case "a cut record" -> {
                underTls = true;
                b.raw(0x17, 0x03, 0x03, 0x01, 0x00, 0x01, 0x02, 0x03);
            }
            default -> {
                underTls = true;
                after = After.HALF_CLOSE;
            }
        }
        return new Payload(b.bytes(), new byte[0], Delivery.WHOLE, after, underTls, false, variant);
    }

    /** Messages that claim the client's own full JID (in several spellings), then one from a friend. */
    private Payload spoofedSelf() {
        StringBuilder sb = new StringBuilder();
        String[] spellings = {FakeServer.BOUND, "HOSTILE@EXAMPLE.ORG/bot", "hostile@example.org./bot"};
        int n = 1 + random.nextInt(50);
        for (int i = 0; i < n; i++) {
            sb.append("<message type='chat' from='").append(spellings[random.nextInt(spellings.length)])
                    .append("'><body>echo me ").append(i).append("</body></message>");
        }
        sb.append("<message type='chat' from='friend@example.org/r'><body>").append(FRIEND_MARK)
                .append("</body></message>");
        return payload(sb.toString().getBytes(StandardCharsets.UTF_8), anyDelivery(),
                pick(After.CLOSE_STREAM, After.STALL), n + " messages from the client's own JID");
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * The end of a stream header with hostile attributes: at the header stage it opens the stream; later it is an
     * element of the open stream, closed at once, so that the server's own closing tag still ends the stream.
     */
    private String headerEnd() {
        return stage == Stage.HEADER ? "'>" : "'/>";
    }

    /** A valid header first at the header stage, so the hostility is in the stream, not before it. */
    private String prefix() {
        return stage == Stage.HEADER ? HEADER : "";
    }

    private Payload payload(byte[] bytes, Delivery delivery, After after, String note) {
        return new Payload(bytes, new byte[0], delivery, after, false, false, note);
    }

    private Payload refused(byte[] bytes, Delivery delivery, After after, String note) {
        return new Payload(bytes, new byte[0], delivery, after, false, true, note);
    }

    private Delivery anyDelivery() {
        return pick(Delivery.WHOLE, Delivery.WHOLE, Delivery.CHUNKED, Delivery.CHUNKED, Delivery.DRIP);
    }

    private After anyAfter() {
        return pick(After.values());
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private int pick(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    private static String hex(int[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int b : bytes) {
            sb.append(String.format("%02X ", b));
        }
        return sb.toString().trim();
    }
}
