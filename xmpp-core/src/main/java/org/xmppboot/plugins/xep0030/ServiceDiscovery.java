package org.xmppboot.plugins.xep0030;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0030: answers {@code disco#info} with this entity's identities and features (other plugins add theirs)
 * and {@code disco#items} with its items, and asks other entities the same. XEP-0128: the info answer may carry
 * data forms of extended information ({@link #setExtendedInfo}), and those of others are read.
 *
 * <p>Two hooks let another plugin (entity capabilities, XEP-0115) build on it without this class knowing it:
 * {@link #addInfoNode} answers {@code disco#info} for extra nodes ({@link #addItemsNode} {@code disco#items}),
 * and {@link #setInfoSource} answers
 * {@link #info(Jid)} and {@link #supports} from a cache. {@link #addInfoListener} tells when this entity's own
 * information changes.
 */
public class ServiceDiscovery extends BasePlugin {

    public static final String NAME = "xep_0030";
    public static final String INFO = "http://jabber.org/protocol/disco#info";
    public static final String ITEMS = "http://jabber.org/protocol/disco#items";

    /**
     * An identity (XEP-0030 §3.1): category and type from the registry, such as client/bot, an optional name and
     * the language of that name ({@code xml:lang}).
     */
    public record Identity(String category, String type, @Nullable String name, @Nullable String lang) {

        public Identity(String category, String type, @Nullable String name) {
            this(category, type, name, null);
        }
    }

    /** Answers {@code disco#info} for a node of this entity, or says null for a node it does not know. */
    @FunctionalInterface
    public interface InfoNode {
        @Nullable DiscoInfo info(String node);
    }

    /**
     * Answers {@code disco#items} for a node of this entity, or says null for a node it does not know. The
     * answer may depend on who asks (XEP-0050 §2.2 lists only the commands the requester may run).
     */
    @FunctionalInterface
    public interface ItemsNode {
        @Nullable List<Item> items(String node, @Nullable Jid requester);
    }

    /**
     * Knows what other entities are without asking them, or how to ask better (such as an entity-capabilities
     * cache): answers null to let a plain {@code disco#info} query go out.
     */
    @FunctionalInterface
    public interface InfoSource {
        @Nullable CompletableFuture<DiscoInfo> info(Jid jid);
    }

    /** An item (XEP-0030 §4.1). */
    public record Item(Jid jid, @Nullable String node, @Nullable String name) {
    }

    private final List<Identity> identities = new CopyOnWriteArrayList<>();
    /** Sorted, so answers are stable (and ready for XEP-0115 hashing, which sorts them). */
    private final SortedSet<String> features = Collections.synchronizedSortedSet(new TreeSet<>());
    private final List<Item> items = new CopyOnWriteArrayList<>();
    /** XEP-0128 extended information, by FORM_TYPE. */
    private final Map<String, DataForm> extendedInfo = Collections.synchronizedMap(new TreeMap<>());
    private final List<InfoNode> infoNodes = new CopyOnWriteArrayList<>();
    private final List<ItemsNode> itemsNodes = new CopyOnWriteArrayList<>();
    private final List<Runnable> infoListeners = new CopyOnWriteArrayList<>();
    private volatile @Nullable InfoSource infoSource;
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
        infoChanged();
        context.registerIqHandler("xep_0030:info", IqRoute.get(INFO, "query"), this::answerInfo);
        context.registerIqHandler("xep_0030:items", IqRoute.get(ITEMS, "query"), this::answerItems);
    }

    public void addFeature(String feature) {
        if (features.add(feature)) {
            infoChanged();
        }
    }

    public void removeFeature(String feature) {
        if (features.remove(feature)) {
            infoChanged();
        }
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
    public void addIdentity(String category, String type, @Nullable String name) {
        addIdentity(category, type, name, null);
    }

    /** An identity whose name is in a language: an entity may have one per language (XEP-0030 §3.1). */
    public void addIdentity(String category, String type, @Nullable String name, @Nullable String lang) {
        synchronized (this) {
            if (!customIdentities) {
                identities.clear();
                customIdentities = true;
            }
            identities.add(new Identity(category, type, name, lang));
        }
        infoChanged();
    }

    public List<Identity> identities() {
        return List.copyOf(identities);
    }

    public void addItem(Jid jid, @Nullable String node, @Nullable String name) {
        items.add(new Item(jid, node, name));
    }

    /**
     * Adds (or replaces, by its {@code FORM_TYPE}) a form of extended information to the info answer (XEP-0128).
     *
     * @throws IllegalArgumentException if the form has no {@code FORM_TYPE}, which XEP-0128 §2 requires
     */
    public void setExtendedInfo(DataForm form) {
        String formType = form.getFormTypeName();
        if (formType == null) {
            throw new IllegalArgumentException("Extended information needs a FORM_TYPE field (XEP-0128)");
        }
        extendedInfo.put(formType, DataForm.SCHEMA.wrap(form.xml().copy()));
        infoChanged();
    }

    public void removeExtendedInfo(String formType) {
        if (extendedInfo.remove(formType) != null) {
            infoChanged();
        }
    }

    /** What this entity answers to a {@code disco#info} query without node. */
    public DiscoInfo localInfo() {
        List<DataForm> forms;
        synchronized (extendedInfo) {
            forms = new ArrayList<>(extendedInfo.values());
        }
        return new DiscoInfo(null, identities(), List.copyOf(features()), forms);
    }

    /** Runs (on the thread that made the change) whenever this entity's identities, features or forms change. */
    public void addInfoListener(Runnable listener) {
        infoListeners.add(listener);
    }

    public void removeInfoListener(Runnable listener) {
        infoListeners.remove(listener);
    }

    private void infoChanged() {
        infoListeners.forEach(Runnable::run);
    }

    /** Answers {@code disco#info} for the nodes this one knows (tried in order; null passes on). */
    public void addInfoNode(InfoNode node) {
        infoNodes.add(node);
    }

    public void removeInfoNode(InfoNode node) {
        infoNodes.remove(node);
    }

    /** Answers {@code disco#items} for the nodes this one knows (tried in order; null passes on). */
    public void addItemsNode(ItemsNode node) {
        itemsNodes.add(node);
    }

    public void removeItemsNode(ItemsNode node) {
        itemsNodes.remove(node);
    }

    /** Where {@link #info(Jid)} looks before asking; null to always ask. */
    public void setInfoSource(@Nullable InfoSource source) {
        this.infoSource = source;
    }

    private XmlElement answerInfo(Iq request) {
        XmlElement query = request.getPayload();
        String node = query == null ? null : query.attribute("node");
        if (node == null) {
            return localInfo().toQuery();
        }
        for (InfoNode known : infoNodes) {
            DiscoInfo info = known.info(node);
            if (info != null) {
                return info.withNode(node).toQuery();
            }
        }
        throw new StanzaErrorException(StanzaError.Condition.ITEM_NOT_FOUND, null);
    }

    private XmlElement answerItems(Iq request) {
        XmlElement requested = request.getPayload();
        String node = requested == null ? null : requested.attribute("node");
        XmlElement query = new XmlElement("query", ITEMS);
        query.setAttribute("node", node);
        for (Item item : node == null ? items : nodeItems(node, request.getFrom())) {
            XmlElement e = query.addElement("item").setAttribute("jid", item.jid().toString());
            e.setAttribute("node", item.node());
            e.setAttribute("name", item.name());
        }
        return query;
    }

    /** XEP-0030 §7: a node no {@link ItemsNode} knows is item-not-found. */
    private List<Item> nodeItems(String node, @Nullable Jid requester) {
        for (ItemsNode known : itemsNodes) {
            List<Item> found = known.items(node, requester);
            if (found != null) {
                return found;
            }
        }
        throw new StanzaErrorException(StanzaError.Condition.ITEM_NOT_FOUND, null);
    }

    /**
     * Asks an entity what it is and supports; completes with the {@code disco#info} result. When the
     * {@linkplain #setInfoSource info source} knows the answer, the result is made from it (an iq of type result
     * from the entity, without id) and nothing is sent; {@link #info(Jid)} gives the same answer already read.
     */
    public CompletableFuture<Iq> getInfo(Jid to, @Nullable Duration timeout) {
        InfoSource source = infoSource;
        CompletableFuture<DiscoInfo> known = source == null ? null : source.info(to);
        if (known != null) {
            return known.thenApply(info -> {
                Iq result = context().makeIq(Iq.Type.RESULT, null).setPayload(info.toQuery());
                result.setId(null);
                result.setFrom(to);
                return result;
            });
        }
        return context().sendIq(context().makeIq(Iq.Type.GET, to).setQuery(INFO), timeout);
    }

    /** Asks an entity about one of its nodes (null for the entity itself) over the network. */
    public CompletableFuture<DiscoInfo> queryInfo(Jid to, @Nullable String node) {
        Iq iq = context().makeIq(Iq.Type.GET, to).setQuery(INFO);
        iq.getPayload().setAttribute("node", node);
        return context().sendIq(iq, null).thenApply(result -> {
            XmlElement query = result.getPayload();
            return query == null ? new DiscoInfo(node, List.of(), List.of(), List.of()) : DiscoInfo.parse(query);
        });
    }

    /**
     * What an entity is and supports: from the {@linkplain #setInfoSource info source} (the entity-capabilities
     * cache, when that plugin is registered) if it knows, else asked with {@code disco#info}.
     */
    public CompletableFuture<DiscoInfo> info(Jid jid) {
        InfoSource source = infoSource;
        CompletableFuture<DiscoInfo> known = source == null ? null : source.info(jid);
        return known != null ? known : queryInfo(jid, null);
    }

    /** Whether an entity announces a feature (answered as {@link #info(Jid)} is). */
    public CompletableFuture<Boolean> supports(Jid to, String feature) {
        return info(to).thenApply(info -> info.hasFeature(feature));
    }

    /** Lists an entity's items. */
    public CompletableFuture<List<Item>> getItems(Jid to) {
        return getItems(to, null);
    }

    /** Lists the items of one of an entity's nodes (null for the entity itself). */
    public CompletableFuture<List<Item>> getItems(Jid to, @Nullable String node) {
        Iq iq = context().makeIq(Iq.Type.GET, to).setQuery(ITEMS);
        iq.getPayload().setAttribute("node", node);
        return iq.send().thenApply(result -> {
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
