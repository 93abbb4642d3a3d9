package org.xmppboot.plugins.xep0191;

/**
 * Settings of {@link Blocking}.
 *
 * @param fetchOnSessionStart request the block list at every new session: the server pushes changes only to
 *     sessions that requested it (XEP-0191 §5.3), so without it the cached list stays empty and is not kept
 *     current until {@link Blocking#fetchBlockList()} is called
 */
public record BlockingConfig(boolean fetchOnSessionStart) {

    public static final BlockingConfig DEFAULT = new BlockingConfig(true);
}
