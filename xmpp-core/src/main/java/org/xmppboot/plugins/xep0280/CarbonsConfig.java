package org.xmppboot.plugins.xep0280;

/**
 * Settings of {@link MessageCarbons}.
 *
 * @param enableOnSessionStart ask the server to send us carbons at the start of every session (XEP-0280 §4:
 *     carbons are off until a client enables them; enabling is part of a session's state, so a new session
 *     starts without, and a resumed one keeps them)
 */
public record CarbonsConfig(boolean enableOnSessionStart) {

    public static final CarbonsConfig DEFAULT = new CarbonsConfig(true);
}
