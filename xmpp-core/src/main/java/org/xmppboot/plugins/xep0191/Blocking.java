package org.xmppboot.plugins.xep0191;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * XEP-0191 Blocking Command, the client side: blocks and unblocks JIDs on the account's server, lists them, and
 * keeps a cached copy of the list that the server's pushes keep current, so that {@link #isBlocked} needs no
 * round trip. A stanza we send to a JID we block comes back as an error that {@link BlockedError#isBlocked}
 * recognises.
 *
 * <p>Events, raised for the server's pushes (which follow a change by any of the account's sessions, this one
 * included), after the cached list has been updated:
 * <ul>
 *   <li>{@value #EVENT_BLOCKED}: a {@code Set<Jid>}, the JIDs just blocked;</li>
 *   <li>{@value #EVENT_UNBLOCKED}: a {@code Set<Jid>}, the JIDs just unblocked; empty when every JID was
 *       (XEP-0191 §5.5: an {@code <unblock/>} without items).</li>
 * </ul>
 *
 * <p>Threads: pushes and results are applied on the event thread; the public methods may be called from any
 * thread, and their futures complete on the event thread.
 */
public class Blocking extends BasePlugin {

    public static final String NAME = "xep_0191";
    public static final String NAMESPACE = "urn:xmpp:blocking";
    public static final String EVENT_BLOCKED = "blocked";
    public static final String EVENT_UNBLOCKED = "unblocked";

    private static final Logger log = LoggerFactory.getLogger(Blocking.class);

    private volatile BlockingConfig config;
    private volatile Set<Jid> blocked = Set.of();
    private volatile boolean loaded;

    public Blocking() {
        this(BlockingConfig.DEFAULT);
    }

    public Blocking(BlockingConfig config) {
        super(NAME);
        this.config = config;
    }

    /** Replaces the settings; before connecting. */
    public Blocking configure(BlockingConfig config) {
        this.config = config;
        return this;
    }

    public BlockingConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        context.registerIqHandler(NAME + ":block", IqRoute.set(NAMESPACE, "block"), this::blockPushed);
        context.registerIqHandler(NAME + ":unblock", IqRoute.set(NAMESPACE, "unblock"), this::unblockPushed);
        context.addEventHandler("session_start", jid -> {
            if (config.fetchOnSessionStart() && !context.isComponent()) {
                fetchBlockList().exceptionally(failure -> {
                    log.warn("[{}] could not fetch the block list: {}", context.connectionName(),
                            failure.getMessage());
                    return null;
                });
            }
        });
    }

    // ---------------------------------------------------------------- the cached list

    /** The cached block list: empty until {@link #fetchBlockList()} (or a new session) has loaded it. */
    public Set<Jid> blocked() {
        return blocked;
    }

    /** Whether the block list has been fetched on this connection's current or an earlier session. */
    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Whether the cached list blocks {@code jid}, by the JID matching of XEP-0191 §4: listed as itself, by its
     * bare JID, by its domain and resource, or by its domain or a parent domain.
     */
    public boolean isBlocked(Jid jid) {
        Set<Jid> current = blocked;
        // A listed domain/resource is a JID like any other: only that very JID matches it.
        if (current.contains(jid) || current.contains(jid.bare())) {
            return true;
        }
        for (Jid entry : current) {
            if (entry.local() == null && entry.resource() == null && (jid.domain().equals(entry.domain())
                    || jid.domain().endsWith("." + entry.domain()))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- requests

    /** Asks the server for the block list (XEP-0191 §5.2) and caches it; completes with it. */
    public CompletableFuture<Set<Jid>> fetchBlockList() {
        Iq get = context().makeIq(Iq.Type.GET, null);
        get.enableExtension(BlockList.SCHEMA);
        return get.send().thenApply(result -> {
            BlockList list = result.extension(BlockList.SCHEMA);
            Set<Jid> jids = list == null ? Set.of() : Collections.unmodifiableSet(list.getItems());
            replace(jids);
            return jids;
        });
    }

    /** Blocks JIDs (XEP-0191 §5.3); completes when the server has added them, failing with its error. */
    public CompletableFuture<Void> block(Jid... jids) {
        return block(Arrays.asList(jids));
    }

    /** Blocks JIDs (XEP-0191 §5.3): at least one. */
    public CompletableFuture<Void> block(Collection<Jid> jids) {
        requireSome(jids, "block");
        return request(Block.SCHEMA.create(""), jids, set -> {
            set.addAll(jids);
            return set;
        });
    }

    /** Unblocks JIDs (XEP-0191 §5.4): at least one; {@link #unblockAll()} unblocks every JID. */
    public CompletableFuture<Void> unblock(Jid... jids) {
        return unblock(Arrays.asList(jids));
    }

    public CompletableFuture<Void> unblock(Collection<Jid> jids) {
        requireSome(jids, "unblock");
        return request(Unblock.SCHEMA.create(""), jids, set -> {
            set.removeAll(jids);
            return set;
        });
    }

    /** Unblocks every JID (XEP-0191 §5.5: an {@code <unblock/>} without items). */
    public CompletableFuture<Void> unblockAll() {
        return request(Unblock.SCHEMA.create(""), List.of(), set -> new LinkedHashSet<>());
    }

    private static void requireSome(Collection<Jid> jids, String what) {
        if (jids.isEmpty()) {
            // An empty <block/> is bad-request, and an empty <unblock/> means everything (XEP-0191 §5.3, §5.5).
            throw new IllegalArgumentException("Name at least one JID to " + what);
        }
    }

    /** Sends a block or unblock set; on its result applies {@code change} to the cache (the push may lag). */
    private CompletableFuture<Void> request(BlockingItems payload, Collection<Jid> jids,
            Function<Set<Jid>, Set<Jid>> change) {
        payload.setItems(jids);
        Iq set = context().makeIq(Iq.Type.SET, null);
        set.setPayload(payload.xml());
        return set.send().thenAccept(result -> update(change));
    }

    // ---------------------------------------------------------------- pushes

    private @Nullable Object blockPushed(Iq push) {
        Block block = checkedPush(push, push.extension(Block.SCHEMA));
        Set<Jid> jids = block.getItems();
        if (jids.isEmpty()) {
            throw new StanzaErrorException(StanzaError.Condition.BAD_REQUEST, "A block names at least one JID");
        }
        update(set -> {
            set.addAll(jids);
            return set;
        });
        context().event(EVENT_BLOCKED, Collections.unmodifiableSet(jids));
        return null;
    }

    private @Nullable Object unblockPushed(Iq push) {
        Unblock unblock = checkedPush(push, push.extension(Unblock.SCHEMA));
        Set<Jid> named = unblock.getItems();
        update(set -> {
            if (named.isEmpty()) {
                set.clear();
            } else {
                set.removeAll(named);
            }
            return set;
        });
        context().event(EVENT_UNBLOCKED, Collections.unmodifiableSet(named));
        return null;
    }

    /**
     * A push is only taken from our own account or its server, as roster pushes are (RFC 6121 §2.1.6): anyone
     * else could otherwise edit what we believe we block. Others get service-unavailable, as from a client that
     * does not support the protocol.
     */
    private <T extends BlockingItems> T checkedPush(Iq push, @Nullable T payload) {
        if (!fromAccountOrServer(push)) {
            log.info("[{}] blocking push from {} ignored: only the account's server may push",
                    context().connectionName(), push.xml().attribute("from"));
            throw new StanzaErrorException(StanzaError.Condition.SERVICE_UNAVAILABLE, null);
        }
        if (payload == null || payload.hasInvalidItem()) {
            throw new StanzaErrorException(StanzaError.Condition.BAD_REQUEST, "Every item needs a valid jid");
        }
        return payload;
    }

    private boolean fromAccountOrServer(Iq push) {
        String attribute = push.xml().attribute("from");
        if (attribute == null) {
            return true;
        }
        Jid from = Jid.ofOrNull(attribute);
        Jid own = context().boundJid();
        return from != null && own != null && (from.equals(own.bare()) || from.equals(own.domainJid()));
    }

    private synchronized void replace(Set<Jid> jids) {
        blocked = Collections.unmodifiableSet(new LinkedHashSet<>(jids));
        loaded = true;
    }

    private synchronized void update(Function<Set<Jid>, Set<Jid>> change) {
        blocked = Collections.unmodifiableSet(change.apply(new LinkedHashSet<>(blocked)));
    }

    /** For stack traces and logs. */
    @Override
    public String toString() {
        return NAME + blocked;
    }
}
