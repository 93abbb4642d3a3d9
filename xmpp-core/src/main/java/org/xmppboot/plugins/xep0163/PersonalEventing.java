package org.xmppboot.plugins.xep0163;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0060.PubSub;
import org.xmppboot.plugins.xep0060.PubSubItem;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0163: publishing to the account's own nodes and receiving contacts' publications. Interest in a node is a
 * {@code <node>+notify} disco feature (§4): the server sends a contact's items only to resources announcing it
 * (with XEP-0115, the interest goes out in the bot's presence). Notifications arrive as {@link PubSub}'s events,
 * {@code pubsub_publish} with the contact's bare JID as the service.
 */
public class PersonalEventing extends BasePlugin {

    public static final String NAME = "xep_0163";

    public PersonalEventing() {
        super(NAME, PubSub.NAME, ServiceDiscovery.NAME);
    }

    private final Set<String> interests = ConcurrentHashMap.newKeySet();

    @Override
    protected void start(PluginContext context) {
        // Publishing goes through PubSub, notifications are PubSub's events: only the interests to announce.
        ServiceDiscovery disco = require(ServiceDiscovery.class);
        interests.forEach(node -> disco.addFeature(node + "+notify"));
    }

    /** Publishes an item on one of our own nodes (§4.3), created on first use by the server. */
    public CompletableFuture<String> publish(String node, @Nullable String itemId, XmlElement payload) {
        return require(PubSub.class).publish(null, node, itemId, payload);
    }

    /** Retracts an item of one of our own nodes, telling the contacts. */
    public CompletableFuture<Void> retract(String node, String itemId) {
        return require(PubSub.class).retract(null, node, itemId, true);
    }

    /** A contact's (or with null our own) latest items on a node. */
    public CompletableFuture<List<PubSubItem>> getItems(@Nullable Jid contact, String node, @Nullable Integer max) {
        return require(PubSub.class).getItems(contact == null ? null : contact.bare(), node, max);
    }

    /**
     * Asks for contacts' publications on a node (§4: the {@code +notify} feature), from the start when called
     * before connecting.
     */
    public void addInterest(String node) {
        interests.add(node);
        if (isInitialised()) {
            require(ServiceDiscovery.class).addFeature(node + "+notify");
        }
    }

    public void removeInterest(String node) {
        interests.remove(node);
        if (isInitialised()) {
            require(ServiceDiscovery.class).removeFeature(node + "+notify");
        }
    }
}
