package org.xmppboot.plugins.xep0359;

/**
 * Settings of {@link StanzaIds}.
 *
 * @param originId add an {@code <origin-id/>} to every message we send that has none (XEP-0359 §2.2: a sender
 *     that supports the protocol adds one), so our own messages can be recognised when they come back
 */
public record StanzaIdConfig(boolean originId) {

    public static final StanzaIdConfig DEFAULT = new StanzaIdConfig(true);
}
