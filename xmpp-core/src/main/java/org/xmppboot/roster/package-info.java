/**
 * The RFC 6121 roster of a client account: its items ({@link org.xmppboot.roster.RosterItem}), roster pushes,
 * roster versioning with a pluggable {@link org.xmppboot.roster.RosterStore}, and presence subscriptions
 * answered by a {@link org.xmppboot.roster.SubscriptionPolicy}. {@link org.xmppboot.roster.Roster} is the entry
 * point and lists the events it raises.
 */
@NullMarked
package org.xmppboot.roster;

import org.jspecify.annotations.NullMarked;
