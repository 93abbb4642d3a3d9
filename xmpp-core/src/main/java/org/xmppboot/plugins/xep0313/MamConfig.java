package org.xmppboot.plugins.xep0313;

/**
 * Settings of {@link MessageArchive}.
 *
 * @param pageSize how many messages a page asks for when the query does not say (the server may send fewer)
 * @param rememberedIds how many archive ids of messages already handled (live or by a catch-up) are remembered,
 *     so that a catch-up skips them; the oldest are forgotten beyond that
 */
public record MamConfig(int pageSize, int rememberedIds) {

    public static final MamConfig DEFAULT = new MamConfig(50, 2000);

    public MamConfig {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
        if (rememberedIds < 0) {
            throw new IllegalArgumentException("rememberedIds must not be negative: " + rememberedIds);
        }
    }
}
