package org.xmppboot.hostile;

import java.util.List;
import java.util.Random;

import org.xmppboot.stanza.StreamError;
import org.xmppboot.xml.XmlWriter;

/**
 * One generated case: what kind of hostility, at which stage of negotiation, over plain TCP or TLS. Case {@code n}
 * of seed {@code s} is always the same case, so a failure can be replayed alone
 * ({@code -Dxmpp.hostile.seed=s -Dxmpp.hostile.only=n}).
 *
 * @param tls negotiate STARTTLS before the stage (a TLS_HANDSHAKE case always does, or connects with direct TLS)
 * @param directTls connect with TLS from the first byte (TLS_HANDSHAKE cases only)
 */
record HostileCase(int index, Category category, Stage stage, boolean tls, boolean directTls, Payload payload) {

    /** Where in the negotiation the server turns hostile. */
    enum Stage {
        /** Its first words: the stream header (over TLS: the header after the restart). */
        HEADER,
        /** During the TLS handshake after {@code <proceed/>}, or of direct TLS. */
        TLS_HANDSHAKE,
        /** In answer to the client's {@code <auth/>}. */
        SASL,
        /** Once the session is established. */
        SESSION
    }

    /** The kinds of hostility. */
    enum Category {
        INVALID_UTF8, INVALID_CHARACTER_REFERENCE, BYTE_ORDER_MARK, DTD_AND_ENTITIES, DEEP_NESTING, ENDLESS_ELEMENT,
        HUGE_ATTRIBUTES, FLOOD, SLOW_DRIP, STREAM_ERROR, GARBAGE_AFTER_CLOSE, BAD_HEADER, TRUNCATED_TLS, SPOOFED_SELF,
        HALF_OPEN
    }

    private static final List<Stage> ANY_STAGE = List.of(Stage.HEADER, Stage.SASL, Stage.SESSION);

    /**
     * Case {@code index} of {@code seed}. Categories take turns, so every run covers all of them; stream error
     * conditions take turns within theirs, so every condition comes up once every few hundred cases.
     */
    static HostileCase generate(long seed, int index, boolean tlsAvailable) {
        Random random = new Random(seed * 1_000_003L + index);
        Category[] categories = Category.values();
        Category category = categories[index % categories.length];
        if (category == Category.TRUNCATED_TLS && !tlsAvailable) {
            category = Category.INVALID_UTF8;
        }
        Stage stage = switch (category) {
            case TRUNCATED_TLS -> Stage.TLS_HANDSHAKE;
            case SPOOFED_SELF, HALF_OPEN -> Stage.SESSION; // only a session answers, and so writes
            case BAD_HEADER -> Stage.HEADER;
            default -> ANY_STAGE.get(random.nextInt(ANY_STAGE.size()));
        };
        boolean tls = tlsAvailable && (stage == Stage.TLS_HANDSHAKE || random.nextInt(4) == 0);
        boolean direct = stage == Stage.TLS_HANDSHAKE && random.nextInt(3) == 0;
        StreamError.Condition condition = StreamError.Condition.values()[
                (index / categories.length) % StreamError.Condition.values().length];
        Payload payload = new HostileInput(random, stage, condition).payload(category);
        return new HostileCase(index, category, stage, tls, direct, payload);
    }

    @Override
    public String toString() {
        return "case " + index + " " + category + " at " + stage + (directTls ? " (direct TLS)" : tls ? " (TLS)" : "")
                + ", " + payload.delivery() + ", then " + payload.after() + ": "
                + XmlWriter.quotable(payload.note(), 160);
    }
}
