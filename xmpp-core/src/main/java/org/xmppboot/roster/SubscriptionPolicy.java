package org.xmppboot.roster;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * How a {@link Roster} answers an incoming presence subscription request (RFC 6121 §3.1.3-§3.1.4): someone
 * asks to see this account's presence. Called on the event thread: decide quickly, without blocking.
 *
 * <p>The server keeps a request the user has not answered and delivers it again at the next login
 * (§3.1.3), so {@link Decision#ASK} loses nothing when the application answers late, or in another session.
 */
@FunctionalInterface
public interface SubscriptionPolicy {

    /** What to do with one request. */
    enum Decision {
        /** Approve ({@code subscribed}): the contact sees this account's presence, so clients show it online. */
        ACCEPT,
        /**
         * Approve, and ask for the contact's presence in return ({@code subscribed}, then {@code subscribe} unless
         * already subscribed or asked): the subscription becomes mutual once the contact approves.
         */
        ACCEPT_AND_SUBSCRIBE,
        /** Deny ({@code unsubscribed}, §3.1.4). */
        REJECT,
        /**
         * Leave it to the application: the roster raises {@code roster_subscription_request} with the request,
         * and the application calls {@link Roster#approve} or {@link Roster#deny}.
         */
        ASK
    }

    /**
     * Approves every request, and does not subscribe back: the default. A bot needs to be seen (so that
     * clients show it online and let their users write to it); it rarely needs to see its users. Subscribing
     * back would ask every user to approve the bot in turn, and would make the bot receive and track each
     * user's presence changes: traffic and memory that grow with the user base, for nothing the bot uses.
     */
    SubscriptionPolicy ACCEPT_ALL = (contact, item) -> Decision.ACCEPT;

    /** Approves every request and subscribes back: for bots that act on their users' presence. */
    SubscriptionPolicy MUTUAL = (contact, item) -> Decision.ACCEPT_AND_SUBSCRIBE;

    /** Denies every request. */
    SubscriptionPolicy REJECT_ALL = (contact, item) -> Decision.REJECT;

    /** Raises {@code roster_subscription_request} for every request and lets the application answer. */
    SubscriptionPolicy MANUAL = (contact, item) -> Decision.ASK;

    /**
     * Decides about a request.
     *
     * @param contact who asks (a bare JID)
     * @param item the contact's roster item, or null if it is not in the roster
     */
    Decision decide(Jid contact, @Nullable RosterItem item);
}
