package org.xmppboot.plugins.xep0313;

import java.net.ProtocolException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.BoundedCache;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0059.ResultSetManagement;
import org.xmppboot.plugins.xep0082.XmppDateTime;
import org.xmppboot.plugins.xep0203.Delay;
import org.xmppboot.plugins.xep0297.Forwarded;
import org.xmppboot.plugins.xep0359.StanzaId;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0313 Message Archive Management ({@code urn:xmpp:mam:2}): reads our account's archive, or a room's, a page
 * at a time ({@link #firstPage}, {@link #lastPage}, {@link #nextPage}, {@link #previousPage}), all of it
 * ({@link #forEach}, or lazily with {@link #iterate}/{@link #stream}), and catches up on what arrived while the
 * bot was away ({@link #catchUp(Instant, Consumer)}, {@link #catchUp(String, Consumer)}) without handing over a
 * message twice.
 *
 * <p>Results are believed only from the archive queried (XEP-0313 §8.2: from our bare JID or without
 * {@code from} for our own, from the room for a room's) and only for a query of ours (matched by
 * {@code queryid}); anything else is logged and dropped. The result messages are wrappers without a body: besides
 * feeding the query they only raise {@code message_without_body}, never {@code message}.
 *
 * <p>Threads: futures complete, and {@link #forEach}/{@code catchUp} callbacks run, on the event thread, so they
 * must not block. {@link #iterate} and {@link #stream} wait for each page and must not be used there (waiting on
 * the event thread fails at once); use them on a threaded handler or a thread of your own.
 *
 * <p>It also reads and changes which messages our server archives for us ({@link #preferences()},
 * {@link #setPreferences}), the protocol XEP-0441 took over from earlier versions of XEP-0313.
 *
 * <p>Raises no events.
 */
public class MessageArchive extends BasePlugin {

    public static final String NAME = "xep_0313";
    public static final String NAMESPACE = "urn:xmpp:mam:2";

    private static final Logger log = LoggerFactory.getLogger(MessageArchive.class);

    private volatile MamConfig config;
    private final Map<String, ResultCollector> running = new ConcurrentHashMap<>();
    private volatile BoundedCache<String, Boolean> handled;
    private volatile @Nullable String lastHandledId;

    public MessageArchive() {
        this(MamConfig.DEFAULT);
    }

    public MessageArchive(MamConfig config) {
        super(NAME, ResultSetManagement.NAME);
        this.config = Objects.requireNonNull(config, "config");
        this.handled = new BoundedCache<>(config.rememberedIds());
    }

    /** Replaces the settings; call it before connecting (it forgets the ids already handled). */
    public MessageArchive configure(MamConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.handled = new BoundedCache<>(config.rememberedIds());
        return this;
    }

    public MamConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        // Loading the extensions registers them on Message and Iq (message.get("mam_result"), stanza paths).
        Objects.requireNonNull(MamResult.SCHEMA);
        Objects.requireNonNull(MamQuery.SCHEMA);
        Objects.requireNonNull(MamFin.SCHEMA);
        Objects.requireNonNull(MamPrefs.SCHEMA);
        context.registerHandler(StreamHandler.of(NAME + ":result", Matcher.stanzaPath("message/mam_result"),
                this::onResult));
        context.registerHandler(StreamHandler.of(NAME + ":live", Matcher.stanzaPath("message"), this::onLive));
    }

    @Override
    protected void stop() {
        running.clear();
    }

    // ---------------------------------------------------------------- pages

    /** The query's oldest page (paging forward from its start). */
    public CompletableFuture<ArchivePage> firstPage(ArchiveQuery query) {
        return fetch(query, null, null);
    }

    /** The query's newest page (paging backward from its end: an empty RSM {@code <before/>}, XEP-0059 §2.5). */
    public CompletableFuture<ArchivePage> lastPage(ArchiveQuery query) {
        return fetch(query, null, "");
    }

    /** The page after this one (newer messages); an empty, complete page when there is nothing to page from. */
    public CompletableFuture<ArchivePage> nextPage(ArchivePage page) {
        String last = page.last();
        return last == null ? nothingBeyond(page, false) : fetch(page.query(), last, null);
    }

    /** The page before this one (older messages); an empty, complete page when there is nothing to page from. */
    public CompletableFuture<ArchivePage> previousPage(ArchivePage page) {
        String first = page.first();
        return first == null ? nothingBeyond(page, true) : fetch(page.query(), null, first);
    }

    // ---------------------------------------------------------------- whole queries

    /**
     * Hands every message of the query to {@code action}, oldest first, fetching page after page; completes with
     * how many there were. The action runs on the event thread.
     */
    public CompletableFuture<Integer> forEach(ArchiveQuery query, Consumer<ArchivedMessage> action) {
        return walk(firstPage(query), false, action);
    }

    /**
     * The query's messages, oldest first, fetching the next page only when the current one is used up. Each
     * fetch waits for the server: never call {@code hasNext()} on the event thread (it fails at once there).
     * A failed fetch surfaces as a {@link java.util.concurrent.CompletionException} from {@code hasNext()}.
     */
    public Iterator<ArchivedMessage> iterate(ArchiveQuery query) {
        return new PageIterator(this, query);
    }

    /** {@link #iterate} as a sequential stream; the same rule about threads applies. */
    public Stream<ArchivedMessage> stream(ArchiveQuery query) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterate(query),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    // ---------------------------------------------------------------- catching up

    /**
     * Hands over, oldest first, every message our archive stored since {@code since} that has not been handled
     * yet: not received live with this archive id (its stanza-id by our account) and not handed over by an
     * earlier catch-up, as far as the last {@link MamConfig#rememberedIds()} ids go. Completes with how many
     * were handed over. The action runs on the event thread.
     *
     * <p>Our archive holds both sides of each conversation: what our other clients (or this bot, before) sent
     * comes too, with our own JID as sender; a bot that answers what it reads checks the sender first.
     * Messages received live while a catch-up runs are remembered as they arrive, so one the archive returns
     * afterwards is skipped; XEP-0313 §9.1 leaves full synchronisation beyond its scope.
     */
    public CompletableFuture<Integer> catchUp(Instant since, Consumer<ArchivedMessage> action) {
        return walk(firstPage(ArchiveQuery.ALL.since(since)), true, action);
    }

    /**
     * As {@link #catchUp(Instant, Consumer)}, for the messages archived after the one with this archive id (say,
     * the {@link #lastHandledId()} a bot saved before it stopped). Pages with RSM {@code <after/>}, which every
     * archive understands; an id the archive does not know fails the future with its
     * {@code item-not-found} error (XEP-0313 §4.3.2).
     */
    public CompletableFuture<Integer> catchUp(String afterId, Consumer<ArchivedMessage> action) {
        return walk(fetch(ArchiveQuery.ALL, afterId, null), true, action);
    }

    /**
     * The archive id of the newest message of our archive handled so far: received live with our account's
     * stanza-id, or handed over by a catch-up; null if none yet. Worth saving, to catch up from it after a
     * restart.
     */
    public @Nullable String lastHandledId() {
        return lastHandledId;
    }

    // ---------------------------------------------------------------- preferences (XEP-0441)

    /**
     * Our account's archiving preferences (XEP-0441 §2.1). Fails with our server's
     * {@link org.xmppboot.stanza.StanzaErrorException} if it refuses ({@code feature-not-implemented} when it
     * has no preferences to offer), and with a {@link ProtocolException} if its answer has no valid default.
     */
    public CompletableFuture<ArchivePreferences> preferences() {
        return exchangePreferences(Iq.Type.GET, MamPrefs.request());
    }

    /**
     * Changes our account's archiving preferences; completes with those our server applied, which its policy
     * may make different from those asked for (§2.1). Fails as {@link #preferences()} does, and with
     * {@code forbidden} or {@code not-allowed} when our server does not let us change them.
     */
    public CompletableFuture<ArchivePreferences> setPreferences(ArchivePreferences preferences) {
        return exchangePreferences(Iq.Type.SET, MamPrefs.of(preferences));
    }

    private CompletableFuture<ArchivePreferences> exchangePreferences(Iq.Type type, MamPrefs prefs) {
        Iq iq = context().makeIq(type, null);
        iq.setPayload(prefs.xml());
        return context().sendIq(iq, null).thenApply(result -> {
            MamPrefs answered = result.extension(MamPrefs.SCHEMA);
            ArchivePreferences applied = answered == null ? null : answered.toPreferences();
            if (applied == null) {
                throw new CompletionException(new ProtocolException(
                        "Our server answered without archiving preferences with a valid default: " + result));
            }
            return applied;
        });
    }

    // ---------------------------------------------------------------- internals

    /** Sends one query for one page: after {@code after}, or before {@code before} ("" for the last page). */
    CompletableFuture<ArchivePage> fetch(ArchiveQuery query, @Nullable String after, @Nullable String before) {
        PluginContext context = context();
        Jid self = context.boundJid();
        Jid archive = query.archive() != null ? query.archive() : self == null ? null : self.bare();
        if (archive == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Our own archive can be queried only once the session is established"));
        }
        String queryId = context.newId();
        MamQuery request = MamQuery.create(queryId);
        if (query.hasFilter()) {
            request.xml().addChild(form(query).xml());
        }
        request.paging()
                .setMax(query.pageSize() != null ? query.pageSize() : config.pageSize())
                .setAfter(after)
                .setBefore(before);
        Iq iq = context.makeIq(Iq.Type.SET, query.archive());
        iq.setPayload(request.xml());
        ResultCollector collector = new ResultCollector(archive, query.archive() == null
                || self != null && archive.equals(self.bare()));
        running.put(queryId, collector);
        CompletableFuture<Iq> response;
        try {
            response = context.sendIq(iq, null);
        } catch (RuntimeException e) {
            running.remove(queryId);
            throw e;
        }
        return response.thenApply(result -> collector.page(query, before != null, result))
                .whenComplete((page, failure) -> running.remove(queryId));
    }

    /** The filter form of XEP-0313 §4.1. */
    private static DataForm form(ArchiveQuery query) {
        DataForm form = DataForm.create(DataForm.Type.SUBMIT).setFormTypeName(NAMESPACE);
        if (query.with() != null) {
            form.addField("with", null).setValue(query.with().toString());
        }
        if (query.start() != null) {
            form.addField("start", null).setValue(XmppDateTime.format(query.start()));
        }
        if (query.end() != null) {
            form.addField("end", null).setValue(XmppDateTime.format(query.end()));
        }
        if (query.afterId() != null) {
            form.addField("after-id", null).setValue(query.afterId());
        }
        if (query.beforeId() != null) {
            form.addField("before-id", null).setValue(query.beforeId());
        }
        return form;
    }

    private static CompletableFuture<ArchivePage> nothingBeyond(ArchivePage page, boolean backward) {
        return CompletableFuture.completedFuture(new ArchivePage(page.query(), backward,
                List.of(), null, null, true, page.count()));
    }

    /**
     * Hands the messages of this page and all the following ones to the action, only those not handled before if
     * {@code onlyOnce}; completes with how many it handed over.
     */
    private CompletableFuture<Integer> walk(CompletableFuture<ArchivePage> firstPage, boolean onlyOnce,
            Consumer<ArchivedMessage> action) {
        AtomicInteger count = new AtomicInteger();
        return walkFrom(firstPage, message -> {
            if (!onlyOnce || firstTime(message.archive(), message.id())) {
                count.incrementAndGet();
                action.accept(message);
            }
        }).thenApply(done -> count.get());
    }

    private CompletableFuture<Void> walkFrom(CompletableFuture<ArchivePage> pending,
            Consumer<ArchivedMessage> action) {
        return pending.thenCompose(page -> {
            page.messages().forEach(action);
            return page.hasMore() ? walkFrom(nextPage(page), action) : CompletableFuture.completedFuture(null);
        });
    }

    /** Remembers an archive id as handled; false if it already was. */
    private boolean firstTime(Jid archive, String id) {
        Jid self = context().boundJid();
        if (self != null && archive.equals(self.bare())) {
            lastHandledId = id;
        }
        return handled.put(archive + " " + id, Boolean.TRUE) == null;
    }

    private void onResult(StanzaBase stanza) {
        Message wrapper = (Message) stanza;
        MamResult result = Objects.requireNonNull(wrapper.extension(MamResult.SCHEMA));
        String queryId = result.getQueryId();
        ResultCollector collector = queryId == null ? null : running.get(queryId);
        String connection = context().connectionName();
        if (collector == null) {
            log.debug("[{}] ignored an archive result for no query of ours ({})", connection, queryId);
            return;
        }
        if (!collector.accepts(wrapper.getFrom())) {
            log.warn("[{}] ignored an archive result from {}: query {} reads the archive of {}", connection,
                    wrapper.getFrom(), queryId, collector.archive());
            return;
        }
        Forwarded forwarded = result.getForwarded();
        Message message = forwarded == null ? null : forwarded.getMessage();
        String id = result.getId();
        if (message == null || id == null) {
            log.debug("[{}] ignored an archive result without an id or a readable message: {}", connection,
                    wrapper);
            return;
        }
        message.sender(wrapper.sender());
        Delay delay = forwarded.getDelay();
        collector.add(new ArchivedMessage(id, message, delay == null ? null : delay.getStamp(),
                collector.archive()));
    }

    /** A message received live is handled by the bot's handlers: a catch-up must not hand it over again. */
    private void onLive(StanzaBase stanza) {
        Message message = (Message) stanza;
        Jid archive = liveArchive(message);
        String id = archive == null ? null : StanzaId.find(message.xml(), archive);
        if (id != null) {
            firstTime(archive, id);
        }
    }

    /** The archive that stores a message we receive: the room for groupchat, else our account (XEP-0359 §3). */
    private @Nullable Jid liveArchive(Message message) {
        if (message.getMessageType() == Message.Type.GROUPCHAT) {
            Jid from = message.getFrom();
            return from == null ? null : from.bare();
        }
        Jid self = context().boundJid();
        return self == null ? null : self.bare();
    }
}
