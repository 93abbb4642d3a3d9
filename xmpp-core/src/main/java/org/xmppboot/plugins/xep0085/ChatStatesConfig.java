package org.xmppboot.plugins.xep0085;

/**
 * How {@link ChatStates} marks outgoing messages. Immutable; {@link #DEFAULT} follows the XEP's SHOULDs.
 *
 * @param activeInMessages add {@code <active/>} to outgoing chat messages with a body, as XEP-0085 §5.1 asks of
 *     an entity that wants chat states: to a contact until it replies, and afterwards only to a contact whose
 *     replies show it uses chat states (§5.1 rules 1 to 3; §5.3: every content message SHOULD carry it). Off, a
 *     bot sends chat states only when it calls {@link ChatStates#send} (§5.2: sending them is configurable)
 * @param maxContacts how many contacts' use of chat states is remembered; the least recently seen is
 *     forgotten first (and is then treated as a contact not heard from yet)
 */
public record ChatStatesConfig(boolean activeInMessages, int maxContacts) {

    /** {@code <active/>} in content messages as §5.1 says, 1,000 contacts remembered. */
    public static final ChatStatesConfig DEFAULT = new ChatStatesConfig(true, 1_000);

    public ChatStatesConfig {
        if (maxContacts < 1) {
            throw new IllegalArgumentException("maxContacts must be at least 1, was " + maxContacts);
        }
    }

    public ChatStatesConfig withActiveInMessages(boolean enabled) {
        return new ChatStatesConfig(enabled, maxContacts);
    }

    public ChatStatesConfig withMaxContacts(int max) {
        return new ChatStatesConfig(activeInMessages, max);
    }
}
