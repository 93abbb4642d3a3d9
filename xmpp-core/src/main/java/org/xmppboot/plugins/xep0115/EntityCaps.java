package org.xmppboot.plugins.xep0115;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.BoundedCache;
import org.xmppboot.plugins.xep0004.DataForms;
import org.xmppboot.plugins.xep0030.DiscoInfo;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0115 Entity Capabilities.
 *
 * <p>Our side: every available presence we send carries {@code <c hash node ver/>}, {@code ver} computed from
 * what {@link ServiceDiscovery} announces (identities, features, XEP-0128 forms) and recomputed when that
 * changes; a change while our presence is out re-sends our last broadcast presence, as §6.1 says we SHOULD.
 * {@code disco#info} to {@code node#ver} is answered with the same information as without node (§6.2).
 *
 * <p>Their side: a presence with {@code <c/>} is remembered (address → node, ver, hash). A verification string
 * not yet known is looked up once with {@code disco#info} to {@code node#ver}, checked (§5.4: recomputed,
 * duplicates refused) and only then cached, for every entity that announces it; a cache bounded in size that
 * outlives reconnections. {@link ServiceDiscovery#info(Jid)} and {@link ServiceDiscovery#supports} answer from
 * it. Legacy announcements (no {@code hash}) and unknown hash functions are not cached (§5.4, §13).
 *
 * <p>Events:
 * <ul>
 *   <li>{@code entity_caps} ({@link CapsInfo}): an entity announced capabilities we had not yet learnt of it, and
 *       they are verified (from the cache or a fresh query).</li>
 * </ul>
 */
public class EntityCaps extends BasePlugin {

    public static final String NAME = "xep_0115";
    public static final String NAMESPACE = Caps.NAMESPACE;
    private static final String REBROADCAST = NAME + ":rebroadcast";
    /** Several features added in a row give one re-sent presence, not one each. */
    private static final Duration REBROADCAST_DELAY = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(EntityCaps.class);

    /**
     * What an entity's last presence announced.
     *
     * @param hash the hash function, null for the legacy format
     */
    public record Announcement(String node, String ver, @Nullable String hash) {

        /** Whether the verification string can be checked, so its information cached for all (§5.4). */
        public boolean isVerifiable() {
            return VerificationString.isSupported(hash);
        }

        String cacheKey() {
            return hash + " " + ver;
        }
    }

    private volatile CapsConfig config;
    private volatile BoundedCache<String, DiscoInfo> verified;
    private volatile BoundedCache<Jid, Announcement> announced;
    private final Map<String, CompletableFuture<DiscoInfo>> lookups = new ConcurrentHashMap<>();
    private volatile String ver = "";
    private volatile @Nullable Presence lastBroadcast;
    private final Runnable infoListener = this::ourInfoChanged;
    private final ServiceDiscovery.InfoNode capsNode = this::answerCapsNode;

    public EntityCaps() {
        this(CapsConfig.DEFAULT);
    }

    public EntityCaps(CapsConfig config) {
        super(NAME, ServiceDiscovery.NAME, DataForms.NAME);
        this.config = config;
        this.verified = new BoundedCache<>(config.cacheSize());
        this.announced = new BoundedCache<>(config.maxRememberedJids());
    }

    /**
     * Replaces the configuration; before the plugin is initialised on a connection only (the same one again is
     * always accepted).
     *
     * @throws IllegalStateException for a different configuration once initialised
     */
    public EntityCaps configure(CapsConfig newConfig) {
        if (newConfig.equals(config)) {
            return this;
        }
        if (isInitialised()) {
            throw new IllegalStateException("Configure " + NAME + " before connecting");
        }
        this.config = newConfig;
        this.verified = new BoundedCache<>(newConfig.cacheSize());
        this.announced = new BoundedCache<>(newConfig.maxRememberedJids());
        return this;
    }

    public CapsConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        // Registered here as well as by the class, so that presence.get("caps") finds it from the start.
        Presence.SCHEMA.registerExtension(Caps.SCHEMA);
        ServiceDiscovery disco = require(ServiceDiscovery.class);
        disco.addFeature(NAMESPACE);
        ver = VerificationString.of(disco.localInfo(), config.hash());
        disco.addInfoListener(infoListener);
        disco.addInfoNode(capsNode);
        disco.setInfoSource(this::knownInfo);
        context.addFilter(Direction.OUT, this::annotate, 0);
        context.registerHandler(StreamHandler.of(NAME + ":presence",
                Matcher.stanzaPath("presence/{" + NAMESPACE + "}c"), this::received));
        context.addEventHandler("presence_unavailable", data -> {
            Jid from = ((Presence) data).getFrom();
            if (from != null) {
                announced.remove(from);
            }
        });
        // A new session starts without presence: nothing to re-send until the bot sends some.
        context.addEventHandler("session_end", data -> lastBroadcast = null);
    }

    @Override
    protected void stop() {
        ServiceDiscovery disco = require(ServiceDiscovery.class);
        disco.removeInfoListener(infoListener);
        disco.removeInfoNode(capsNode);
        disco.setInfoSource(null);
    }

    /** Our current verification string. */
    public String verificationString() {
        return ver;
    }

    /** The disco node our verification string names: {@code node#ver} (§6.2). */
    public String capsNode() {
        return config.node() + "#" + ver;
    }

    /** What an entity's last available presence announced, or null. */
    public @Nullable Announcement announcement(Jid jid) {
        return announced.get(jid);
    }

    /** The verified information an entity announced, if known without asking; null otherwise. */
    public @Nullable DiscoInfo cachedInfo(Jid jid) {
        Announcement announcement = announced.get(jid);
        return announcement == null || !announcement.isVerifiable() ? null : verified.get(announcement.cacheKey());
    }

    /**
     * What an entity is and supports: from the cache when its announced verification string is known, else by
     * {@code disco#info} to its caps node (verified, then cached), else (no caps, legacy caps, or a failed
     * check) by a plain {@code disco#info}.
     */
    public CompletableFuture<DiscoInfo> getInfo(Jid jid) {
        return require(ServiceDiscovery.class).info(jid);
    }

    /** Whether an entity supports a feature, answered as {@link #getInfo} is. */
    public CompletableFuture<Boolean> supports(Jid jid, String feature) {
        return getInfo(jid).thenApply(info -> info.hasFeature(feature));
    }

    // ---------------------------------------------------------------- our capabilities

    /** Outbound filter: every available presence carries our caps (§6.1); the last broadcast is kept. */
    private StanzaBase annotate(StanzaBase stanza) {
        if (!(stanza instanceof Presence presence)) {
            return stanza;
        }
        Presence.Type type = presence.getPresenceType();
        if (type == Presence.Type.AVAILABLE) {
            presence.removeExtension(Caps.SCHEMA);
            presence.xml().addChild(Caps.create(config.hash(), config.node(), ver).xml());
            if (presence.getTo() == null) {
                lastBroadcast = presence.copy();
            }
        } else if (type == Presence.Type.UNAVAILABLE && presence.getTo() == null) {
            lastBroadcast = null;
        }
        return stanza;
    }

    /**
     * §6.1: when our features change, the verification string MUST be recomputed, and a new presence SHOULD be
     * broadcast: the last one again, which the filter annotates with the new string.
     */
    private void ourInfoChanged() {
        String newVer = VerificationString.of(require(ServiceDiscovery.class).localInfo(), config.hash());
        if (newVer.equals(ver)) {
            return;
        }
        ver = newVer;
        PluginContext context = context();
        if (lastBroadcast != null && context.isSessionEstablished()) {
            context.schedule(REBROADCAST, REBROADCAST_DELAY, () -> {
                Presence last = lastBroadcast;
                if (last != null && context.isSessionEstablished()) {
                    context.send(last.copy());
                }
            }, false);
        }
    }

    /** §6.2: our caps node is answered as the entity itself is. */
    private @Nullable DiscoInfo answerCapsNode(String node) {
        return node.equals(capsNode()) ? require(ServiceDiscovery.class).localInfo() : null;
    }

    // ---------------------------------------------------------------- their capabilities

    private void received(StanzaBase stanza) {
        Presence presence = (Presence) stanza;
        Jid from = presence.getFrom();
        Caps caps = presence.extension(Caps.SCHEMA);
        if (from == null || caps == null || presence.getPresenceType() != Presence.Type.AVAILABLE
                || from.equals(context().boundJid())) {
            return;
        }
        String node = caps.getNode();
        String announcedVer = caps.getVer();
        if (node == null || announcedVer == null || announcedVer.isEmpty()) {
            return; // §4: both are required; without them there is nothing to look up.
        }
        Announcement announcement = new Announcement(node, announcedVer, caps.getHash());
        Announcement previous = announced.put(from, announcement);
        if (announcement.equals(previous) || !announcement.isVerifiable()) {
            return;
        }
        DiscoInfo known = verified.get(announcement.cacheKey());
        CompletableFuture<DiscoInfo> info = known != null ? CompletableFuture.completedFuture(known)
                : lookUp(from, announcement);
        info.whenComplete((learnt, failure) -> {
            if (failure != null) {
                log.debug("[{}] capabilities of {} not learnt: {}", context().connectionName(), from,
                        unwrap(failure).toString());
            } else {
                context().event("entity_caps", new CapsInfo(from, node, announcedVer, learnt));
            }
        });
    }

    /** The {@link ServiceDiscovery.InfoSource}: the cache, or the caps node of an entity that announced one. */
    private @Nullable CompletableFuture<DiscoInfo> knownInfo(Jid jid) {
        Announcement announcement = announced.get(jid);
        if (announcement == null || !announcement.isVerifiable()) {
            return null;
        }
        DiscoInfo known = verified.get(announcement.cacheKey());
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return lookUp(jid, announcement)
                .exceptionallyCompose(failure -> require(ServiceDiscovery.class).queryInfo(jid, null));
    }

    /**
     * Asks {@code jid} about its caps node and verifies the answer (§5.4); caches it when it is right. One query
     * per verification string at a time, however many entities announce it meanwhile.
     */
    private CompletableFuture<DiscoInfo> lookUp(Jid jid, Announcement announcement) {
        String key = announcement.cacheKey();
        CompletableFuture<DiscoInfo> mine = new CompletableFuture<>();
        CompletableFuture<DiscoInfo> running = lookups.putIfAbsent(key, mine);
        if (running != null) {
            return running.copy();
        }
        require(ServiceDiscovery.class).queryInfo(jid, announcement.node() + "#" + announcement.ver())
                .thenApply(info -> verify(jid, announcement, info.withNode(null)))
                .whenComplete((info, failure) -> {
                    lookups.remove(key, mine);
                    if (failure != null) {
                        mine.completeExceptionally(unwrap(failure));
                    } else {
                        mine.complete(info);
                    }
                });
        return mine.copy();
    }

    private DiscoInfo verify(Jid jid, Announcement announcement, DiscoInfo info) {
        String hash = announcement.hash();
        if (hash != null && VerificationString.verify(info, hash, announcement.ver())) {
            verified.put(announcement.cacheKey(), info);
            return info;
        }
        // §5.4 step 3.9: not cached; another entity announcing the same string will be asked in turn.
        throw new CapsVerificationException(jid + " announced " + announcement.hash() + " ver '"
                + announcement.ver() + "', but its disco#info " + (VerificationString.problems(info).isEmpty()
                        ? "hashes to '" + VerificationString.of(info, announcement.hash()) + "'"
                        : "is ill-formed: " + VerificationString.problems(info)));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
