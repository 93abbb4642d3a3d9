package org.xmppboot.plugins.xep0085;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.BoundedCache;

/**
 * What we know of each contact's use of chat states (XEP-0085 §5.1) and the last standalone notification we sent
 * it (§5.3), by bare JID. Bounded: the least recently used contact is forgotten first. Thread-safe.
 */
final class ChatPartners {

    private static final class Partner {
        /** Null until the contact writes to us; then whether its last message carried a chat state. */
        @Nullable Boolean usesChatStates;
        /** The last standalone notification sent to it since our last content message. */
        @Nullable ChatState lastStandalone;
    }

    private final BoundedCache<Jid, Partner> partners;

    ChatPartners(int max) {
        this.partners = new BoundedCache<>(max);
    }

    /**
     * A message from the contact: one with a chat state shows it uses them, a content message without one that
     * it does not (§5.1 rules 2 and 3); other messages (receipts, markers) say nothing.
     */
    synchronized void received(Jid from, boolean hasChatState, boolean isContent) {
        if (hasChatState || isContent) {
            partners.computeIfAbsent(from.bare(), k -> new Partner()).usesChatStates = hasChatState;
        }
    }

    /** Whether chat states may go to the contact: not once it replied without them (§5.1 rule 2). */
    synchronized boolean mayNotify(Jid to) {
        Partner partner = partners.get(to.bare());
        return partner == null || !Boolean.FALSE.equals(partner.usesChatStates);
    }

    /** Records a standalone notification about to go out; false if it would repeat the previous one (§5.3). */
    synchronized boolean standalone(Jid to, ChatState state) {
        Partner partner = partners.computeIfAbsent(to.bare(), k -> new Partner());
        if (partner.lastStandalone == state) {
            return false;
        }
        partner.lastStandalone = state;
        return true;
    }

    /** A content message went out: the next standalone notification is no repetition. */
    synchronized void contentSent(Jid to) {
        Partner partner = partners.get(to.bare());
        if (partner != null) {
            partner.lastStandalone = null;
        }
    }
}
