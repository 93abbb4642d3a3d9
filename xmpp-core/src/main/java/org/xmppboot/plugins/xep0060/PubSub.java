package org.xmppboot.plugins.xep0060;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.DataForms;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0060 Publish-Subscribe, the subscriber's and publisher's side, and a node owner's essentials: create,
 * configure and delete nodes (§8), publish and retract items (§7), subscribe and unsubscribe (§6), read items
 * (§6.5). A {@code service} of null addresses our own account, which is how XEP-0163 (PEP) nodes are reached.
 * Every method is asynchronous; an error response fails the future with a
 * {@link org.xmppboot.stanza.StanzaErrorException} carrying the service's condition.
 *
 * <p>Events, from the notifications in messages (§7.1.2, §7.2.2, §8.4.2, §8.5.2, §8.2.5):
 * {@code pubsub_publish} ({@link Published}, once per item), {@code pubsub_retract} ({@link Retracted}, once per
 * item), {@code pubsub_purge}, {@code pubsub_delete} and {@code pubsub_config} (the {@link Message}). The message
 * also raises {@code message_without_body}, as any message without a body does.
 */
public class PubSub extends BasePlugin {

    public static final String NAME = "xep_0060";
    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub";
    public static final String OWNER = NAMESPACE + "#owner";
    public static final String EVENT_PUBLISH = "pubsub_publish";
    public static final String EVENT_RETRACT = "pubsub_retract";
    public static final String EVENT_PURGE = "pubsub_purge";
    public static final String EVENT_DELETE = "pubsub_delete";
    public static final String EVENT_CONFIG = "pubsub_config";

    private static final Logger log = LoggerFactory.getLogger(PubSub.class);

    public PubSub() {
        super(NAME, ServiceDiscovery.NAME, DataForms.NAME);
    }

    @Override
    protected void start(PluginContext context) {
        context.registerHandler(StreamHandler.of("xep_0060:event",
                Matcher.stanzaPath("message/{" + PubSubEvent.NAMESPACE + "}event"), this::notified));
    }

    // ---------------------------------------------------------------- publisher

    /** Publishes an item (§7.1); completes with its id, the service's choice when {@code itemId} is null. */
    public CompletableFuture<String> publish(@Nullable Jid service, String node, @Nullable String itemId,
            XmlElement payload) {
        return publish(service, node, itemId, payload, null);
    }

    /** {@link #publish(Jid, String, String, XmlElement)} with publish options (§7.1.5), a submitted form. */
    public CompletableFuture<String> publish(@Nullable Jid service, String node, @Nullable String itemId,
            XmlElement payload, @Nullable DataForm options) {
        XmlElement pubsub = new XmlElement("pubsub", NAMESPACE);
        pubsub.addElement("publish", NAMESPACE).setAttribute("node", node)
                .addChild(new PubSubItem(itemId, payload).toXml(NAMESPACE));
        if (options != null) {
            pubsub.addElement("publish-options", NAMESPACE).addChild(options.xml().copy());
        }
        return set(service, pubsub).thenApply(result -> {
            XmlElement publish = child(result, NAMESPACE, "publish");
            XmlElement item = publish == null ? null : publish.element("item", NAMESPACE);
            String id = item == null ? null : item.attribute("id");
            return id != null ? id : itemId != null ? itemId : "";
        });
    }

    /** Removes an item (§7.2); with {@code notify}, subscribers hear of it. */
    public CompletableFuture<Void> retract(@Nullable Jid service, String node, String itemId, boolean notify) {
        XmlElement pubsub = new XmlElement("pubsub", NAMESPACE);
        XmlElement retract = pubsub.addElement("retract", NAMESPACE).setAttribute("node", node);
        if (notify) {
            retract.setAttribute("notify", "true");
        }
        retract.addElement("item", NAMESPACE).setAttribute("id", itemId);
        return set(service, pubsub).thenApply(result -> null);
    }

    // ---------------------------------------------------------------- subscriber

    /** Subscribes {@code jid} (our bare JID when null, §6.1.1) to a node. */
    public CompletableFuture<Subscription> subscribe(@Nullable Jid service, String node, @Nullable Jid jid) {
        Jid subscriber = jid != null ? jid : ownBareJid();
        XmlElement pubsub = new XmlElement("pubsub", NAMESPACE);
        pubsub.addElement("subscribe", NAMESPACE).setAttribute("node", node)
                .setAttribute("jid", subscriber.toString());
        return set(service, pubsub).thenApply(result -> {
            XmlElement s = child(result, NAMESPACE, "subscription");
            if (s == null) {
                // §6.1.2: a service may answer with an empty result; the subscription is then as asked.
                return new Subscription(node, subscriber, null, "subscribed");
            }
            Jid jidInResult = Jid.ofOrNull(s.attribute("jid"));
            String state = s.attribute("subscription");
            return new Subscription(node, jidInResult != null ? jidInResult : subscriber, s.attribute("subid"),
                    state != null ? state : "subscribed");
        });
    }

    /** Ends a subscription (§6.2); {@code subscriptionId} only when the entity has several. */
    public CompletableFuture<Void> unsubscribe(@Nullable Jid service, String node, @Nullable Jid jid,
            @Nullable String subscriptionId) {
        XmlElement pubsub = new XmlElement("pubsub", NAMESPACE);
        pubsub.addElement("unsubscribe", NAMESPACE).setAttribute("node", node)
                .setAttribute("jid", (jid != null ? jid : ownBareJid()).toString())
                .setAttribute("subid", subscriptionId);
        return set(service, pubsub).thenApply(result -> null);
    }

    /** A node's items (§6.5.2), the latest {@code max} when not null (§6.5.7). */
    public CompletableFuture<List<PubSubItem>> getItems(@Nullable Jid service, String node, @Nullable Integer max) {
        XmlElement pubsub = new XmlElement("pubsub", NAMESPACE);
        XmlElement items = pubsub.addElement("items", NAMESPACE).setAttribute("node", node);
        if (max != null) {
            items.setAttribute("max_items", String.valueOf(max));
        }
        return get(service, pubsub).thenApply(result -> PubSubItem.itemsOf(child(result, NAMESPACE, "items")));
    }

    // ---------------------------------------------------------------- owner

    /**
     * Creates a node (§8.1), configured by a submitted form when not null; with a null {@code node}, an instant
     * node (§8.1.2): completes with the node's name, the service's choice for an instant node.
     */
    public CompletableFuture<String> createNode(@Nullable Jid service, @Nullable String node,
            @Nullable DataForm configuration) {
        XmlElement pubsub = new XmlElement("pubsub", NAMESPACE);
        pubsub.addElement("create", NAMESPACE).setAttribute("node", node);
        if (configuration != null) {
            pubsub.addElement("configure", NAMESPACE).addChild(configuration.xml().copy());
        }
        return set(service, pubsub).thenApply(result -> {
            XmlElement create = child(result, NAMESPACE, "create");
            String created = create == null ? null : create.attribute("node");
            return created != null ? created : node != null ? node : "";
        });
    }

    /** The node's configuration form (§8.2.1). */
    public CompletableFuture<DataForm> getNodeConfiguration(@Nullable Jid service, String node) {
        XmlElement pubsub = new XmlElement("pubsub", OWNER);
        pubsub.addElement("configure", OWNER).setAttribute("node", node);
        return get(service, pubsub).thenApply(result -> {
            XmlElement configure = child(result, OWNER, "configure");
            XmlElement form = configure == null ? null : configure.element("x", DataForm.NAMESPACE);
            if (form == null) {
                throw new IllegalStateException("The service sent no configuration form for node '" + node + "'");
            }
            return new DataForm(form);
        });
    }

    /** Submits a node's configuration (§8.2.4), a form of type submit. */
    public CompletableFuture<Void> configureNode(@Nullable Jid service, String node, DataForm submission) {
        XmlElement pubsub = new XmlElement("pubsub", OWNER);
        pubsub.addElement("configure", OWNER).setAttribute("node", node).addChild(submission.xml().copy());
        return set(service, pubsub).thenApply(result -> null);
    }

    /** Deletes a node (§8.4); its subscribers are told. */
    public CompletableFuture<Void> deleteNode(@Nullable Jid service, String node) {
        XmlElement pubsub = new XmlElement("pubsub", OWNER);
        pubsub.addElement("delete", OWNER).setAttribute("node", node);
        return set(service, pubsub).thenApply(result -> null);
    }

    // ---------------------------------------------------------------- notifications

    private void notified(StanzaBase stanza) {
        Message message = (Message) stanza;
        PubSubEvent event = message.extension(PubSubEvent.SCHEMA);
        Jid from = message.getFrom();
        String node = event == null ? null : event.getNode();
        if (event == null || from == null || node == null) {
            log.debug("[{}] ignoring a malformed pubsub event: {}", context().connectionName(), stanza);
            return;
        }
        PluginContext context = context();
        for (PubSubItem item : event.getItems()) {
            context.event(EVENT_PUBLISH, new Published(from, node, item, message));
        }
        for (String id : event.getRetractedIds()) {
            context.event(EVENT_RETRACT, new Retracted(from, node, id, message));
        }
        if (event.isPurge()) {
            context.event(EVENT_PURGE, message);
        }
        if (event.isDelete()) {
            context.event(EVENT_DELETE, message);
        }
        if (event.isConfiguration()) {
            context.event(EVENT_CONFIG, message);
        }
    }

    // ---------------------------------------------------------------- helpers

    private CompletableFuture<Iq> set(@Nullable Jid service, XmlElement pubsub) {
        return context().makeIq(Iq.Type.SET, service).setPayload(pubsub).send();
    }

    private CompletableFuture<Iq> get(@Nullable Jid service, XmlElement pubsub) {
        return context().makeIq(Iq.Type.GET, service).setPayload(pubsub).send();
    }

    private Jid ownBareJid() {
        Jid own = context().boundJid();
        if (own == null) {
            throw new IllegalStateException("No session: name the subscriber's JID");
        }
        return own.bare();
    }

    /** A child of the result's {@code <pubsub/>}, or null (an empty result is allowed for most requests). */
    private static @Nullable XmlElement child(Iq result, String namespace, String name) {
        XmlElement pubsub = result.getPayload();
        return pubsub == null ? null : pubsub.element(name, namespace);
    }
}
