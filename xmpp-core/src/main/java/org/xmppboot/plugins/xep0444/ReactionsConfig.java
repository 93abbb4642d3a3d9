package org.xmppboot.plugins.xep0444;

/**
 * Settings of {@link MessageReactions}.
 *
 * @param remembered how many (sender, message) pairs the time of the latest accepted reactions is kept for, so
 *     that reactions arriving late (offline storage, archives) do not undo newer ones (XEP-0444 §5.1)
 */
public record ReactionsConfig(int remembered) {

    /** 10,000 pairs. */
    public static final ReactionsConfig DEFAULT = new ReactionsConfig(10_000);

    public ReactionsConfig {
        if (remembered < 1) {
            throw new IllegalArgumentException("remembered must be at least 1, was " + remembered);
        }
    }
}
