package org.xmppboot.roster;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * What one push or result did to one contact: the payload of {@code roster_item_changed} (an addition when
 * {@link #previous()} is null) and {@code roster_item_removed} ({@link #current()} is null).
 *
 * @param jid the contact
 * @param previous the item before, or null if the contact was not in the roster
 * @param current the item now, or null if the contact was removed
 */
public record RosterChange(Jid jid, @Nullable RosterItem previous, @Nullable RosterItem current) {

    public boolean isAdded() {
        return previous == null && current != null;
    }

    public boolean isRemoved() {
        return current == null;
    }

    /** Whether who sees whose presence changed (including a contact added or removed). */
    public boolean subscriptionChanged() {
        return subscriptionOf(previous) != subscriptionOf(current);
    }

    private static Subscription subscriptionOf(@Nullable RosterItem item) {
        return item == null ? Subscription.NONE : item.subscription();
    }
}
