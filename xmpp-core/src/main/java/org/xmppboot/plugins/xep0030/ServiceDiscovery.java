package org.xmppboot.plugins.xep0030;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0030: answers {@code disco#info} with this entity's identities and features (other plugins add theirs)
 * and {@code disco#items} with its items, and asks other entities the same.
 */
public class ServiceDiscovery extends BasePlugin {

    public static final String NAME = "xep_0030";
    public static final String INFO = "http://jabber.org/protocol/disco#info";
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";

    /** An identity (XEP-0030 §3.1): category and type from the registry, such as client/bot. */
    public record Identity(String category, String type, @Nullable String name) {
    }

    /** An item (XEP-0030 §4.1). */
    public record Item(Jid jid, @Nullable String node, @Nullable String name) {
    }

    private final List<Identity> identities = new CopyOnWriteArrayList<>();
    /** Sorted, so answers are stable (and ready for XEP-0115 hashing, which sorts them). */
    private final SortedSet<String> features = Collections.synchronizedSortedSet(new TreeSet<>());
    private final List<Item> items = new CopyOnWriteArrayList<>();
    private volatile boolean customIdentities;

    public ServiceDiscovery() {
        super(NAME);
    }

    @Override
    protected void start(PluginContext context) {
        if (!customIdentities) {
            identities.clear();
            identities.add(defaultIdentity(context));
        }
        features.add(INFO);
        features.add(ITEMS);
        context.registerIqHandler("xep_0030:info", IqRoute.get(INFO, "query"), this::answerInfo);
        context.registerIqHandler("xep_0030:items", IqRoute.get(ITEMS, "query"), this::answerItems);
    }

    public void addFeature(String feature) {
        features.add(feature);
    }

    public void removeFeature(String feature) {
        features.remove(feature);
    }

    /** The features, sorted. */
    public SortedSet<String> features() {
        synchronized (features) {
            return new TreeSet<>(features);
        }
    }

    /**
     * What this entity is unless told otherwise (XEP-0030 §3.1; category and type from the registry of XEP-0030
     * identities). The stream says it: on an external component's stream ({@code jabber:component:accept},
     * XEP-0114) a {@code component/generic}, on any other a {@code client/bot}.
     */
    static Identity defaultIdentity(PluginContext context) {
        return context.isComponent() ? new Identity("component", "generic", null)
                : new Identity("client", "bot", null);
    }

    /** Replaces the {@linkplain #defaultIdentity default identity} with the ones added. */
    public synchronized void addIdentity(String category, String type, @Nullable String name) {
        if (!customIdentities) {
            identities.clear();
            customIdentities = true;
        }
        identities.add(new Identity(category, type, name));
    }

    public List<Identity> identities() {
        return List.copyOf(identities);
    }

    public void addItem(Jid jid, @Nullable String node, @Nullable String name) {
        items.add(new Item(jid, node, name));
    }

    private XmlElement answerInfo(Iq request) {
        requireNoNode(request);
        XmlElement query = new XmlElement("query", INFO);
        for (Identity identity : identities) {
            XmlElement e = query.addElement("identity").setAttribute("category", identity.category())
                    .setAttribute("type", identity.type());
            if (identity.name() != null) {
                e.setAttribute("name", identity.name());
            }
        }
        for (String feature : features()) {
            query.addElement("feature").setAttribute("var", feature);
        }
        return query;
    }

    private XmlElement answerItems(Iq request) {
        requireNoNode(request);
        XmlElement query = new XmlElement("query", ITEMS);
        for (Item item : items) {
            XmlElement e = query.addElement("item").setAttribute("jid", item.jid().toString());
            e.setAttribute("node", item.node());
            e.setAttribute("name", item.name());
        }
        return query;
    }

    /** XEP-0030 §7: nodes this entity does not know are item-not-found, and it knows none. */
    private static void requireNoNode(Iq request) {
        XmlElement query = request.getPayload();
        if (query != null && query.attribute("node") != null) {
            throw new StanzaErrorException(StanzaError.Condition.ITEM_NOT_FOUND, null);
        }
    }

    /** Asks an entity what it is and supports; completes with the {@code disco#info} result. */
    public CompletableFuture<Iq> getInfo(Jid to, @Nullable Duration timeout) {
        return context().sendIq(context().makeIq(Iq.Type.GET, to).setQuery(INFO), timeout);
    }

    /** Whether an entity announces a feature. */
    public CompletableFuture<Boolean> supports(Jid to, String feature) {
        return getInfo(to, null).thenApply(result -> {
            XmlElement query = result.getPayload();
            if (query == null) {
                return false;
            }
            for (XmlElement f : query.elements("feature", INFO)) {
                if (feature.equals(f.attribute("var"))) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Lists an entity's items. */
    public CompletableFuture<List<Item>> getItems(Jid to) {
        return context().makeIq(Iq.Type.GET, to).setQuery(ITEMS).send().thenApply(result -> {
            List<Item> found = new ArrayList<>();
            XmlElement query = result.getPayload();
            if (query != null) {
                for (XmlElement e : query.elements("item", ITEMS)) {
                    Jid jid = Jid.ofOrNull(e.attribute("jid"));
                    if (jid != null) {
                        found.add(new Item(jid, e.attribute("node"), e.attribute("name")));
                    }
                }
            }
            return found;
        });
    }
}
