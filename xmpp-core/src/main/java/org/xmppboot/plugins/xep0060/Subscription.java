package org.xmppboot.plugins.xep0060;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * A subscription to a node (XEP-0060 §6.1.2).
 *
 * @param state {@code subscribed}, {@code pending} (the owner must approve) or {@code unconfigured}
 * @param subscriptionId the service's id for it, needed to unsubscribe when an entity has several
 */
public record Subscription(String node, Jid jid, @Nullable String subscriptionId, String state) {

    public boolean isSubscribed() {
        return "subscribed".equals(state);
    }
}
