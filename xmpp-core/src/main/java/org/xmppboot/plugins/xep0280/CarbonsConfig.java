package org.xmppboot.plugins.xep0280;

/**
 * Settings of {@link MessageCarbons}.
 *
 * @param enableOnSessionStart ask the server to send us carbons at the start of every session (XEP-0280 §4:
 *     carbons are off until a client enables them, and a new session starts with them off again; a resumed
 *     session keeps them)
 */
public record CarbonsConfig(boolean enableOnSessionStart) {

    public static final CarbonsConfig DEFAULT = new CarbonsConfig(true);
}
