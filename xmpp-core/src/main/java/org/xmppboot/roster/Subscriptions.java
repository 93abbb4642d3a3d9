package org.xmppboot.roster;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.stanza.Presence;

/**
 * The presence subscription side of a roster (RFC 6121 §3): answers requests by the policy, remembers the ones
 * left to the application, and sends the subscription presences the application asks for.
 *
 * <p>Since RFC 6121 the server holds the subscription state and announces each change with a roster push
 * (§3.1.5, §3.2.3, §3.3.3); {@code subscribed}, {@code unsubscribed} and {@code unsubscribe} received from a
 * contact are notifications the client does not answer (RFC 3921 §8.2 had clients acknowledge them; RFC 6121
 * leaves the state to the servers).
 */
final class Subscriptions {

    /** Requests left to the application that are remembered; the oldest are forgotten beyond this. */
    static final int MAX_PENDING = 1000;

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final Roster roster;
    private final LinkedHashSet<Jid> pending = new LinkedHashSet<>();
    private volatile SubscriptionPolicy policy;

    Subscriptions(Roster roster, SubscriptionPolicy policy) {
        this.roster = roster;
        this.policy = policy;
    }

    SubscriptionPolicy policy() {
        return policy;
    }

    void setPolicy(SubscriptionPolicy policy) {
        this.policy = policy;
    }

    /** A subscription presence from a contact (on the event thread). */
    void received(PluginContext xmpp, Presence presence) {
        Jid contact = contactOf(xmpp, presence);
        Presence.Type type = presence.getPresenceType();
        if (contact == null || type == null) {
            return;
        }
        switch (type) {
            case SUBSCRIBE -> requested(xmpp, contact, presence);
            // §3.3.3 (and a request withdrawn before it was answered): nothing left to approve.
            case UNSUBSCRIBE -> forget(contact);
            default -> log.debug("[{}] {} from {}: the server pushes the new subscription state",
                    xmpp.connectionName(), type.value(), contact);
        }
    }

    private void requested(PluginContext xmpp, Jid contact, Presence request) {
        RosterItem item = roster.get(contact);
        SubscriptionPolicy.Decision decision;
        try {
            decision = policy.decide(contact, item);
        } catch (RuntimeException e) {
            // Unanswered, the request stays with the server, which delivers it again at the next login (§3.1.3).
            log.warn("[{}] the subscription policy failed on the request from {}; left unanswered",
                    xmpp.connectionName(), contact, e);
            return;
        }
        log.debug("[{}] subscription request from {}: {}", xmpp.connectionName(), contact, decision);
        switch (decision) {
            case ACCEPT -> approve(xmpp, contact);
            case ACCEPT_AND_SUBSCRIBE -> {
                approve(xmpp, contact);
                if (item == null || !(item.subscription().toContact() || item.pendingOut())) {
                    send(xmpp, contact, Presence.Type.SUBSCRIBE);
                }
            }
            case REJECT -> deny(xmpp, contact);
            case ASK -> {
                remember(contact);
                xmpp.event(Roster.EVENT_SUBSCRIPTION_REQUEST, request);
            }
        }
    }

    /** §3.1.4: approving sends {@code subscribed} to the contact's bare JID. */
    void approve(PluginContext xmpp, Jid contact) {
        forget(contact.bare());
        send(xmpp, contact, Presence.Type.SUBSCRIBED);
    }

    /** §3.1.4 (deny a request) and §3.2.1 (cancel a granted subscription): {@code unsubscribed}. */
    void deny(PluginContext xmpp, Jid contact) {
        forget(contact.bare());
        send(xmpp, contact, Presence.Type.UNSUBSCRIBED);
    }

    /** Sends a subscription presence to the contact's bare JID (§3.1.1, §3.1.4, §3.2.1, §3.3.1). */
    static void send(PluginContext xmpp, Jid contact, Presence.Type type) {
        xmpp.send(xmpp.makePresence(contact.bare(), null, null, type));
    }

    private static @Nullable Jid contactOf(PluginContext xmpp, Presence presence) {
        Jid from;
        try {
            from = presence.getFrom();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (from == null) {
            return null;
        }
        Jid own = xmpp.boundJid();
        Jid contact = from.bare();
        return own != null && contact.equals(own.bare()) ? null : contact;
    }

    private void remember(Jid contact) {
        synchronized (pending) {
            pending.remove(contact);
            pending.add(contact);
            if (pending.size() > MAX_PENDING) {
                Iterator<Jid> oldest = pending.iterator();
                Jid dropped = oldest.next();
                oldest.remove();
                log.debug("More than {} subscription requests unanswered; forgot the one from {} (the server keeps "
                        + "it and delivers it again at the next login)", MAX_PENDING, dropped);
            }
        }
    }

    private void forget(Jid contact) {
        synchronized (pending) {
            pending.remove(contact);
        }
    }

    /** The requests raised to the application and not answered yet, oldest first. */
    Set<Jid> pending() {
        synchronized (pending) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(pending));
        }
    }

    /** At the end of a session: the server delivers the unanswered requests again at the next login. */
    void clearPending() {
        synchronized (pending) {
            pending.clear();
        }
    }
}
