package org.xmppboot.plugins.xep0308;

/**
 * Settings of {@link MessageCorrection}.
 *
 * @param remembered how many received messages (id and sender) and recipients of our last message are kept: a
 *     correction is accepted only for a message remembered from the same sender (XEP-0308 §5), and
 *     {@link MessageCorrection#correctLast} finds our last message to a recipient among them
 */
public record CorrectionConfig(int remembered) {

    /** 1,000 messages and recipients. */
    public static final CorrectionConfig DEFAULT = new CorrectionConfig(1_000);

    public CorrectionConfig {
        if (remembered < 1) {
            throw new IllegalArgumentException("remembered must be at least 1, was " + remembered);
        }
    }
}
