package org.xmppboot.plugins.xep0184;

import java.time.Duration;

/**
 * How {@link DeliveryReceipts} answers and asks for receipts. Immutable; {@link #DEFAULT} answers everyone and
 * asks only through {@link DeliveryReceipts#sendWithReceipt}.
 *
 * @param autoAck answer receipt requests (XEP-0184 §7: a recipient configured to return receipts does so)
 * @param ackTo whom to answer. XEP-0184 §8 advises against answering senders not authorised to see our
 *     presence, since a receipt tells them we are online. A bot is usually meant to be reachable by anyone it
 *     talks to and its presence is rarely a secret, so the default is {@link AckTo#EVERYONE}; a bot whose
 *     online status matters chooses {@link AckTo#PRESENCE_SUBSCRIBERS}
 * @param autoRequest add a request to every outgoing chat or normal message that has a body and an id (§7: the
 *     id is what the receipt echoes, so a message without one is left alone)
 * @param timeout how long {@link DeliveryReceipts#sendWithReceipt} waits for the receipt
 * @param maxPending how many {@link DeliveryReceipts#sendWithReceipt} futures may wait at once; beyond it the
 *     message is not sent and its future fails at once
 */
public record ReceiptsConfig(boolean autoAck, AckTo ackTo, boolean autoRequest, Duration timeout, int maxPending) {

    /** Whose receipt requests are answered. */
    public enum AckTo {
        /** Anyone who asks. */
        EVERYONE,
        /** Only contacts our roster says receive our presence (subscription {@code from} or {@code both}). */
        PRESENCE_SUBSCRIBERS
    }

    /** Answer everyone, request only on demand, wait 60 s, at most 1,000 waiting. */
    public static final ReceiptsConfig DEFAULT =
            new ReceiptsConfig(true, AckTo.EVERYONE, false, Duration.ofSeconds(60), 1_000);

    public ReceiptsConfig {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
        }
    }

    public ReceiptsConfig withAutoAck(boolean enabled, AckTo to) {
        return new ReceiptsConfig(enabled, to, autoRequest, timeout, maxPending);
    }

    public ReceiptsConfig withAutoRequest(boolean enabled) {
        return new ReceiptsConfig(autoAck, ackTo, enabled, timeout, maxPending);
    }

    public ReceiptsConfig withTimeout(Duration wait) {
        return new ReceiptsConfig(autoAck, ackTo, autoRequest, wait, maxPending);
    }

    public ReceiptsConfig withMaxPending(int max) {
        return new ReceiptsConfig(autoAck, ackTo, autoRequest, timeout, max);
    }
}
