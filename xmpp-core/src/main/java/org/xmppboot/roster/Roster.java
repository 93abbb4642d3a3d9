package org.xmppboot.roster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.features.RosterRequestFeature;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.EventHandler;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * The account's roster (RFC 6121 §2) and its presence subscriptions (§3), as the plugin {@code roster} of a
 * client connection: {@code Roster.attach(client)}, or {@code client.registerPlugin("roster")} for the defaults.
 *
 * <p>It applies roster pushes and answers each exactly once (§2.1.6), keeps the roster version and sends it when
 * the server offers versioning (§2.6), saves to a {@link RosterStore}, and answers subscription requests by its
 * {@link SubscriptionPolicy} (default {@link SubscriptionPolicy#ACCEPT_ALL}).
 *
 * <p>The initial roster of each session is requested during the session set-up, after binding and before initial
 * presence (§2.2), by the stream feature it puts in place of the client's plain one
 * ({@link RosterRequestFeature}), with the cached version when the server offers versioning; when attached to a
 * session already under way, by {@link #request()} at once.
 *
 * <p>Events, raised on the connection:
 * <ul>
 *   <li>{@code roster_update}: the {@link Iq} of every roster result and every accepted push, as SleekXMPP raises
 *       it (ClientXMPP raises it for its own fetch; the roster for pushes and the results it requests or is
 *       given through {@link #load}).</li>
 *   <li>{@code roster_loaded}: this {@code Roster}, once the roster of the session is known (a full result, or the
 *       empty result that means the cached roster is current).</li>
 *   <li>{@code roster_item_changed}: a {@link RosterChange} for each contact added or changed, by a push or by a
 *       full result that differs from what was cached.</li>
 *   <li>{@code roster_item_removed}: a {@link RosterChange} (with {@code current} null) for each contact removed.</li>
 *   <li>{@code roster_subscription_request}: the {@link Presence} of a subscription request the policy left to
 *       the application ({@link SubscriptionPolicy.Decision#ASK}); answer with {@link #approve} or
 *       {@link #deny}.</li>
 * </ul>
 *
 * <p>Threads: pushes and presences are handled on the event thread; everything public may be called from any
 * thread. Reads see an immutable snapshot, so iterating {@link #items()} never fails or mixes two versions.
 */
public final class Roster implements XmppPlugin {

    public static final String NAME = "roster";
    public static final String NAMESPACE = "jabber:iq:roster";
    /** The stream feature a server advertises when it supports roster versioning (§2.6.1). */
    public static final String VERSIONING_FEATURE = "urn:xmpp:features:rosterver";

    public static final String EVENT_UPDATE = "roster_update";
    public static final String EVENT_LOADED = "roster_loaded";
    public static final String EVENT_ITEM_CHANGED = "roster_item_changed";
    public static final String EVENT_ITEM_REMOVED = "roster_item_removed";
    public static final String EVENT_SUBSCRIPTION_REQUEST = "roster_subscription_request";

    private static final Logger log = LoggerFactory.getLogger(Roster.class);
    private static final String PUSH_HANDLER = "roster:push";
    private static final String PRESENCE_HANDLER = "roster:subscription";

    static {
        // Registers the roster query on Iq (iq.get("roster"), iq@type=set/roster) once a roster exists.
        Objects.requireNonNull(RosterQuery.SCHEMA);
    }

    private final RosterState state;
    private final Subscriptions subscriptions;
    private final RosterSync sync;
    private final EventHandler onSessionStart = data -> sessionStarted();
    private final EventHandler onSessionEnd = data -> sessionEnded();
    private final EventHandler onSessionResumed = data -> sessionResumed();

    private volatile @Nullable PluginContext xmpp;
    private volatile boolean versioningOffered;

    /** A roster kept in memory, approving every subscription request: what registering by name gives. */
    public Roster() {
        this(new InMemoryRosterStore(), SubscriptionPolicy.ACCEPT_ALL);
    }

    /** A roster over a store (loaded now: the cached items are readable before the first connection). */
    public Roster(RosterStore store, SubscriptionPolicy policy) {
        this.state = new RosterState(store);
        this.sync = new RosterSync(this, state);
        this.subscriptions = new Subscriptions(this, policy);
    }

    /** Attaches a roster kept in memory that approves every subscription request. */
    public static Roster attach(ClientXMPP client) {
        return attach(client, new InMemoryRosterStore(), SubscriptionPolicy.ACCEPT_ALL);
    }

    /**
     * Creates a roster and registers it on the client; before {@code connect()} or after (then it requests the
     * roster at once if the session is up).
     *
     * @throws org.xmppboot.plugin.PluginException if the client already has another roster
     */
    public static Roster attach(ClientXMPP client, RosterStore store, SubscriptionPolicy policy) {
        Roster roster = new Roster(store, policy);
        client.registerPlugin(roster);
        return roster;
    }

    // =================================================================== plugin

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(PluginContext connection) {
        if (connection.isComponent()) {
            throw new IllegalArgumentException("A component has no roster (RFC 6121 rosters belong to accounts)");
        }
        xmpp = connection;
        sync.bind(connection);
        connection.registerHandler(StreamHandler.of(PUSH_HANDLER,
                Matcher.stanzaPath("iq@type=set/{" + NAMESPACE + "}query"), s -> sync.pushed((Iq) s)));
        connection.registerHandler(StreamHandler.of(PRESENCE_HANDLER, Roster::isSubscriptionPresence,
                s -> subscriptions.received(connection, (Presence) s)));
        ClientXMPP client = connection.unwrap(ClientXMPP.class);
        if (client != null) {
            // The roster get of the session set-up (before initial presence, §2.2), with the cached version.
            client.features().register(new RosterRequestFeature(versioning -> {
                versioningOffered = versioning;
                return requestPayload(versioning);
            }, this::load));
        }
        connection.addEventHandler("session_start", onSessionStart);
        connection.addEventHandler("session_end", onSessionEnd);
        connection.addEventHandler("session_resumed", onSessionResumed);
        if (connection.isSessionEstablished()) {
            sessionStarted();
        }
    }

    @Override
    public void shutdown() {
        sync.unload();
    }

    private static boolean isSubscriptionPresence(StanzaBase stanza) {
        if (!(stanza instanceof Presence presence)) {
            return false;
        }
        Presence.Type type = presence.getPresenceType();
        return type == Presence.Type.SUBSCRIBE || type == Presence.Type.SUBSCRIBED
                || type == Presence.Type.UNSUBSCRIBE || type == Presence.Type.UNSUBSCRIBED;
    }

    // =================================================================== reading

    /** The item for a contact: the JID as given, else its bare JID (a presence's full JID finds its contact). */
    public @Nullable RosterItem get(Jid jid) {
        var items = state.snapshot().items();
        RosterItem item = items.get(jid);
        return item != null || jid.isBare() ? item : items.get(jid.bare());
    }

    public boolean contains(Jid jid) {
        return get(jid) != null;
    }

    /** All items, in roster order: an unmodifiable snapshot. */
    public Collection<RosterItem> items() {
        return state.snapshot().items().values();
    }

    /** The contacts' JIDs: an unmodifiable snapshot. */
    public Set<Jid> jids() {
        return state.snapshot().items().keySet();
    }

    public int size() {
        return state.snapshot().items().size();
    }

    /** The names of all groups in use, sorted. */
    public SortedSet<String> groups() {
        SortedSet<String> groups = new TreeSet<>();
        for (RosterItem item : items()) {
            groups.addAll(item.groups());
        }
        return Collections.unmodifiableSortedSet(groups);
    }

    /** The items filed under a group. */
    public List<RosterItem> group(String group) {
        List<RosterItem> members = new ArrayList<>();
        for (RosterItem item : items()) {
            if (item.inGroup(group)) {
                members.add(item);
            }
        }
        return Collections.unmodifiableList(members);
    }

    /** The roster version the items correspond to, or null when the server gave none. */
    public @Nullable String version() {
        return state.snapshot().version();
    }

    /** Whether the roster of the current session has been received (until the session ends). */
    public boolean isLoaded() {
        return sync.isLoaded();
    }

    /** Whether the server offered roster versioning in the last stream features (§2.6.1). */
    public boolean isVersioningOffered() {
        return versioningOffered;
    }

    // =================================================================== changing (RFC 6121 §2.3-§2.5)

    /**
     * Adds or updates an item with a roster set (§2.3, §2.4): its name and groups. The roster changes when the
     * server's push arrives ({@code roster_item_changed}), which may be just before or just after the future
     * completes.
     *
     * @return completes when the server accepted the change; fails with a
     *     {@link org.xmppboot.stanza.StanzaErrorException} when it refused it
     */
    public CompletableFuture<Void> set(RosterItem item) {
        return rosterSet(item.toSetXml());
    }

    /**
     * Removes a contact with a roster set of {@code subscription='remove'} (§2.5); the server also cancels the
     * subscriptions both ways (§2.5.2). Fails with {@code item-not-found} when the contact is not in the roster.
     */
    public CompletableFuture<Void> remove(Jid jid) {
        return rosterSet(new XmlElement("item", NAMESPACE).setAttribute("jid", jid.toString())
                .setAttribute("subscription", Subscription.REMOVE.value()));
    }

    private CompletableFuture<Void> rosterSet(XmlElement item) {
        XmlElement query = new XmlElement("query", NAMESPACE);
        query.addChild(item);
        // No 'to': a roster set is addressed to the account, which the server answers for (§2.1.5).
        return connection().makeIq(Iq.Type.SET, null).setPayload(query).send().thenApply(result -> null);
    }

    // =================================================================== subscriptions (RFC 6121 §3)

    /** Asks to see a contact's presence ({@code subscribe} to its bare JID, §3.1.1). */
    public void subscribe(Jid contact) {
        Subscriptions.send(connection(), contact, Presence.Type.SUBSCRIBE);
    }

    /** Stops seeing a contact's presence ({@code unsubscribe}, §3.3.1). */
    public void unsubscribe(Jid contact) {
        Subscriptions.send(connection(), contact, Presence.Type.UNSUBSCRIBE);
    }

    /**
     * Lets a contact see this account's presence ({@code subscribed}, §3.1.4): the answer to a request, or,
     * before any request, a pre-approval the server may keep (§3.4).
     */
    public void approve(Jid contact) {
        subscriptions.approve(connection(), contact);
    }

    /** Denies a contact's request, or cancels the subscription it has ({@code unsubscribed}, §3.1.4, §3.2.1). */
    public void deny(Jid contact) {
        subscriptions.deny(connection(), contact);
    }

    /**
     * The bare JIDs whose requests were raised as {@code roster_subscription_request} and not answered yet in
     * this session, oldest first (at most the latest 1000; the server keeps them all).
     */
    public Set<Jid> pendingRequests() {
        return subscriptions.pending();
    }

    public SubscriptionPolicy policy() {
        return subscriptions.policy();
    }

    /** Changes the policy for the requests that arrive from now on. */
    public void setPolicy(SubscriptionPolicy policy) {
        subscriptions.setPolicy(policy);
    }

    // =================================================================== the initial roster (§2.2, §2.6)

    /**
     * The payload of a roster get (§2.1.3): {@code <query xmlns='jabber:iq:roster'/>}, with the cached version
     * ({@code ver=""} when there is none yet, to bootstrap versioning) only if the server offered versioning
     * (§2.6.2: never otherwise). For a negotiation that sends the get itself and hands the result to
     * {@link #load}.
     */
    public XmlElement requestPayload(boolean versioning) {
        RosterQuery query = RosterQuery.create();
        if (versioning) {
            String version = version();
            query.setVersion(version == null ? "" : version);
        }
        return query.xml();
    }

    /**
     * Requests the roster over the established session, with the version if the server offered versioning, and
     * loads the result.
     *
     * @return completes with this roster once the result is applied
     */
    public CompletableFuture<Roster> request() {
        Iq get = connection().makeIq(Iq.Type.GET, null);
        get.setPayload(requestPayload(versioningOffered));
        return get.send().thenApply(result -> {
            load(result);
            return this;
        });
    }

    /**
     * Applies the result of a roster get and raises {@code roster_update} with it: a full roster replaces the
     * items (§2.1.4); an empty result means the cached roster is current and changes, if any, follow as pushes
     * (§2.6.3).
     *
     * @throws IllegalArgumentException for an iq that is not a result
     */
    public void load(Iq result) {
        sync.applyResult(result);
        sync.event(EVENT_UPDATE, result);
    }

    private void sessionStarted() {
        if (sync.isLoaded()) {
            return; // loaded during negotiation: by the client's own fetch, or handed to load()
        }
        request().whenComplete((roster, failure) -> {
            if (failure != null) {
                log.warn("[{}] the roster request failed: {}", sync.name(), failure.getMessage());
            }
        });
    }

    private void sessionResumed() {
        sync.resumed();
    }

    private void sessionEnded() {
        sync.unload();
        subscriptions.clearPending();
    }

    // =================================================================== helpers

    private PluginContext connection() {
        PluginContext connection = xmpp;
        if (connection == null) {
            throw new IllegalStateException("The roster is not attached to a connection: Roster.attach(client)");
        }
        return connection;
    }

    @Override
    public String toString() {
        return "Roster[" + size() + " items, version " + version() + (isLoaded() ? ", loaded" : "") + "]";
    }
}
