package org.xmppboot.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fixed, realistic mix of inbound client stanzas: chat messages with body, thread, chat state and delay;
 * presences with entity capabilities; iq results carrying disco#items. Deterministic, so every run and every
 * benchmark sees the same bytes.
 */
public final class StanzaCorpus {

    public static final String STREAM_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='bench' version='1.0' "
            + "xml:lang='en'>";

    /** How many stanzas {@link #bytes()} holds. */
    public static final int SIZE = 1000;

    private StanzaCorpus() {
    }

    /** The corpus as UTF-8, stanzas back to back as they come off a stream. */
    public static byte[] bytes() {
        StringBuilder sb = new StringBuilder();
        for (String stanza : stanzas()) {
            sb.append(stanza);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Splits bytes into chunks the size of one socket read. */
    public static List<byte[]> chunks(byte[] bytes, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += size) {
            byte[] chunk = new byte[Math.min(size, bytes.length - i)];
            System.arraycopy(bytes, i, chunk, 0, chunk.length);
            chunks.add(chunk);
        }
        return chunks;
    }

    static List<String> stanzas() {
        Random random = new Random(42);
        List<String> out = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            int kind = i % 10;
            if (kind < 7) {
                out.add(chat(i, random));
            } else if (kind < 9) {
                out.add(presence(i, random));
            } else {
                out.add(discoItems(i));
            }
        }
        return out;
    }

    private static final String[] WORDS = {"hello", "are", "you", "there", "meeting", "at", "noon", "café",
        "ok", "thanks", "see", "you", "later", "🙂", "<3", "R&D", "build", "green", "deploy", "done"};

    private static String chat(int i, Random random) {
        StringBuilder body = new StringBuilder();
        int words = 3 + random.nextInt(15);
        for (int w = 0; w < words; w++) {
            String word = WORDS[random.nextInt(WORDS.length)].replace("&", "&amp;").replace("<", "&lt;");
            body.append(w == 0 ? "" : " ").append(word);
        }
        int from = random.nextInt(50);
        String delay = i % 5 == 0
                ? "<delay xmlns='urn:xmpp:delay' from='example.com' stamp='2026-11-25T10:00:0" + (i % 10) + "Z'/>"
                : "";
        return "<message from='user" + from + "@example.com/phone' to='bot@example.com/bench' type='chat' id='m"
                + i + "'><body>" + body + "</body><thread>thread-" + from + "</thread>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/>" + delay + "</message>";
    }

    private static String presence(int i, Random random) {
        String[] shows = {"", "<show>away</show>", "<show>dnd</show>", "<show>xa</show>"};
        return "<presence from='user" + random.nextInt(50) + "@example.com/desktop-" + i + "' "
                + "to='bot@example.com/bench'>" + shows[i % shows.length] + "<status>Working on it</status>"
                + "<priority>" + (i % 10) + "</priority>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://example.org/client' "
                + "ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>";
    }

    private static String discoItems(int i) {
        StringBuilder items = new StringBuilder();
        for (int n = 0; n < 10; n++) {
            items.append("<item jid='room").append(n).append("@conference.example.com' name='Room ").append(n)
                    .append("'/>");
        }
        return "<iq from='conference.example.com' to='bot@example.com/bench' type='result' id='d" + i + "'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'>" + items + "</query></iq>";
    }
}
