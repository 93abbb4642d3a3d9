package org.xmppboot.plugins.xep0313;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppboot.plugins.xep0280.BoundHarness.boundTo;
import static org.xmppboot.plugins.xep0280.BoundHarness.record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0059.ResultSet;
import org.xmppboot.plugins.xep0059.ResultSetManagement;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.StreamHarness;

/** XEP-0313's examples over the scripted transport, as Juliet's client at 'chamber' sees them. */
class MessageArchiveTest {

    static final String SELF = "juliet@capulet.lit/chamber";
    static final Jid ROOM = Jid.of("coven@chat.shakespeare.lit");

    /** A result as in XEP-0313 Example 5, for the query with this id. */
    static String result(String queryId, String id, String stamp, String body) {
        return result(queryId, id, stamp, body, "");
    }

    static String result(String queryId, String id, String stamp, String body, String fromAttribute) {
        return "<message id='m-" + id + "' to='" + SELF + "'" + fromAttribute + ">"
                + "<result xmlns='urn:xmpp:mam:2' queryid='" + queryId + "' id='" + id + "'>"
                + "<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='" + stamp + "'/>"
                + "<message xmlns='jabber:client' from='witch@shakespeare.lit' to='macbeth@shakespeare.lit'>"
                + "<body>" + body + "</body></message></forwarded></result></message>";
    }

    /** The iq result that ends a page (XEP-0313 Example 6). */
    static String fin(Iq query, boolean complete, String first, String last) {
        return "<iq type='result' id='" + query.getId() + "' to='" + SELF + "'><fin xmlns='urn:xmpp:mam:2'"
                + (complete ? " complete='true'" : "") + "><set xmlns='http://jabber.org/protocol/rsm'>"
                + "<first index='0'>" + first + "</first><last>" + last + "</last></set></fin></iq>";
    }

    static Iq nextQuery(StreamHarness h) throws InterruptedException {
        Iq iq = new Iq(h.nextSent());
        assertThat(iq.getIqType()).isEqualTo(Iq.Type.SET);
        assertThat(iq.getPayload().is("query", MessageArchive.NAMESPACE)).isTrue();
        return iq;
    }

    static MamQuery mam(Iq iq) {
        return iq.extension(MamQuery.SCHEMA);
    }

    static String queryId(Iq iq) {
        return mam(iq).getQueryId();
    }

    static ResultSet paging(Iq iq) {
        return mam(iq).extension(ResultSet.SCHEMA);
    }

    /** Answers a query with one page of results named by id, messages stamped a minute apart. */
    static void answer(StreamHarness h, Iq query, boolean complete, String... ids) {
        for (int i = 0; i < ids.length; i++) {
            h.receive(result(queryId(query), ids[i], "2010-07-10T23:0" + i + ":25Z", "body " + ids[i]));
        }
        h.receive(fin(query, complete, ids.length == 0 ? "" : ids[0], ids.length == 0 ? "" : ids[ids.length - 1]));
    }

    static StreamHarness started(MessageArchive archive) throws InterruptedException {
        StreamHarness h = boundTo(SELF);
        h.xmpp.registerPlugin(archive);
        h.start();
        return h;
    }

    @Test
    void aPageCollectsTheResultsOfItsQueryAndNothingReachesMessageHandlers() throws Exception {
        try (StreamHarness h = started(new MessageArchive())) {
            BlockingQueue<Object> messages = record(h, "message");
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            CompletableFuture<ArchivePage> pending = archive.firstPage(ArchiveQuery.ALL);

            Iq query = nextQuery(h);
            assertThat(query.getTo()).as("our own archive: to our account, no 'to'").isNull();
            assertThat(mam(query).getForm()).as("no filter, no form (§4.1.1)").isNull();
            assertThat(paging(query).getMax()).isEqualTo(MamConfig.DEFAULT.pageSize());
            assertThat(paging(query).getAfter()).isNull();
            assertThat(paging(query).getBefore()).isNull();

            String id = queryId(query);
            h.receive(result(id, "28482-98726-73623", "2010-07-10T23:08:25Z", "Hail to thee"));
            h.receive(result(id, "5d398-28273-f7382", "2010-07-10T23:09:32Z", "Hail to thee again",
                    " from='juliet@capulet.lit'"));
            h.receive("<iq type='result' id='" + query.getId() + "' to='" + SELF + "'><fin xmlns='urn:xmpp:mam:2'>"
                    + "<set xmlns='http://jabber.org/protocol/rsm'><first index='0'>28482-98726-73623</first>"
                    + "<last>5d398-28273-f7382</last><count>20</count></set></fin></iq>");

            ArchivePage page = pending.get(5, TimeUnit.SECONDS);
            assertThat(page.messages()).extracting(ArchivedMessage::id)
                    .containsExactly("28482-98726-73623", "5d398-28273-f7382");
            ArchivedMessage first = page.messages().get(0);
            assertThat(first.message().getBody()).isEqualTo("Hail to thee");
            assertThat(first.message().getFrom()).isEqualTo(Jid.of("witch@shakespeare.lit"));
            assertThat(first.stamp()).isEqualTo(Instant.parse("2010-07-10T23:08:25Z"));
            assertThat(first.archive()).isEqualTo(Jid.of("juliet@capulet.lit"));
            assertThat(page.first()).isEqualTo("28482-98726-73623");
            assertThat(page.last()).isEqualTo("5d398-28273-f7382");
            assertThat(page.count()).isEqualTo(20);
            assertThat(page.complete()).isFalse();
            assertThat(page.hasMore()).isTrue();
            assertThat(messages.poll(200, TimeUnit.MILLISECONDS)).as("results are wrappers, not messages").isNull();
        }
    }

    @Test
    void filtersGoInTheQueryForm() throws Exception {
        try (StreamHarness h = started(new MessageArchive(new MamConfig(10, 100)))) {
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            archive.firstPage(ArchiveQuery.ALL.with(Jid.of("juliet@capulet.lit"))
                    .since(Instant.parse("2010-06-07T00:00:00Z")).until(Instant.parse("2010-07-07T13:23:54Z"))
                    .afterId("09af3-cc343-b409f").pageSize(5));
            Iq query = nextQuery(h);
            DataForm form = mam(query).getForm();
            // XEP-0313 Examples 3 and 4
            assertThat(form.getFormType()).isEqualTo(DataForm.Type.SUBMIT);
            assertThat(form.getFormTypeName()).isEqualTo(MessageArchive.NAMESPACE);
            assertThat(form.field("with").getValue()).isEqualTo("juliet@capulet.lit");
            assertThat(form.field("start").getValue()).isEqualTo("2010-06-07T00:00:00Z");
            assertThat(form.field("end").getValue()).isEqualTo("2010-07-07T13:23:54Z");
            assertThat(form.field("after-id").getValue()).isEqualTo("09af3-cc343-b409f");
            assertThat(form.field("before-id")).isNull();
            assertThat(paging(query).getMax()).isEqualTo(5);

            archive.firstPage(ArchiveQuery.ALL.inArchive(ROOM));
            Iq roomQuery = nextQuery(h);
            assertThat(roomQuery.getTo()).isEqualTo(ROOM);
            assertThat(paging(roomQuery).getMax()).isEqualTo(10);
        }
    }

    @Test
    void pagesForwardAndBackward() throws Exception {
        try (StreamHarness h = started(new MessageArchive())) {
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            CompletableFuture<ArchivePage> last = archive.lastPage(ArchiveQuery.ALL);
            Iq query = nextQuery(h);
            assertThat(paging(query).isLastPageRequested()).as("an empty <before/> (XEP-0059 §2.5)").isTrue();
            answer(h, query, false, "c", "d");
            ArchivePage newest = last.get(5, TimeUnit.SECONDS);
            assertThat(newest.backward()).isTrue();

            CompletableFuture<ArchivePage> previous = archive.previousPage(newest);
            Iq before = nextQuery(h);
            assertThat(paging(before).getBefore()).isEqualTo("c");
            answer(h, before, true, "a", "b");
            ArchivePage oldest = previous.get(5, TimeUnit.SECONDS);
            assertThat(oldest.messages()).extracting(ArchivedMessage::id).containsExactly("a", "b");
            assertThat(oldest.hasMore()).as("complete paging backward: the archive's start").isFalse();

            CompletableFuture<ArchivePage> next = archive.nextPage(oldest);
            Iq after = nextQuery(h);
            assertThat(paging(after).getAfter()).isEqualTo("b");
            assertThat(paging(after).getBefore()).isNull();
            answer(h, after, true, "c", "d");
            assertThat(next.get(5, TimeUnit.SECONDS).hasMore()).isFalse();
        }
    }

    @Test
    void resultsNotOursOrNotFromTheArchiveAreDropped() throws Exception {
        try (StreamHarness h = started(new MessageArchive())) {
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            BlockingQueue<Object> bodiless = record(h, "message_without_body");
            CompletableFuture<ArchivePage> own = archive.firstPage(ArchiveQuery.ALL);
            Iq query = nextQuery(h);
            String id = queryId(query);
            h.receive(result("someone-elses-query", "x1", "2010-07-10T23:08:25Z", "not ours"));
            h.receive(result(id, "x2", "2010-07-10T23:08:25Z", "forged", " from='mallory@evil.example'"));
            h.receive(result(id, "x3", "2010-07-10T23:08:25Z", "forged", " from='juliet@capulet.lit/other'"));
            h.receive("<message to='" + SELF + "'><result xmlns='urn:xmpp:mam:2' queryid='" + id
                    + "' id='x4'/></message>");
            h.receive(result(id, "ok", "2010-07-10T23:08:25Z", "genuine"));
            h.receive(fin(query, true, "ok", "ok"));
            assertThat(own.get(5, TimeUnit.SECONDS).messages()).extracting(ArchivedMessage::id).containsExactly("ok");
            for (int i = 0; i < 5; i++) {
                assertThat(bodiless.poll(5, TimeUnit.SECONDS)).as("other handlers still see each stanza").isNotNull();
            }

            CompletableFuture<ArchivePage> room = archive.firstPage(ArchiveQuery.ALL.inArchive(ROOM));
            Iq roomQuery = nextQuery(h);
            String roomId = queryId(roomQuery);
            h.receive(result(roomId, "r1", "2010-07-10T23:08:25Z", "no from: our server, not the room"));
            h.receive(result(roomId, "r2", "2010-07-10T23:08:25Z", "from the room", " from='" + ROOM + "'"));
            h.receive(fin(roomQuery, true, "r2", "r2").replace("type='result'", "type='result' from='" + ROOM + "'"));
            assertThat(room.get(5, TimeUnit.SECONDS).messages()).extracting(ArchivedMessage::id).containsExactly("r2");
        }
    }

    @Test
    void aRefusedQueryFailsItsFuture() throws Exception {
        try (StreamHarness h = started(new MessageArchive())) {
            CompletableFuture<Integer> catchUp = h.xmpp.plugin(MessageArchive.class).catchUp("unknown", m -> { });
            Iq query = nextQuery(h);
            assertThat(paging(query).getAfter()).isEqualTo("unknown");
            h.receive("<iq type='error' id='" + query.getId() + "' to='" + SELF + "'><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            assertThat(catchUp).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                    .havingRootCause().isInstanceOf(StanzaErrorException.class);
            assertThat(((StanzaErrorException) rootCause(catchUp)).condition())
                    .isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
        }
    }

    @Test
    void anAnswerWithoutFinFailsThePageAndLaterResultsAreIgnored() throws Exception {
        try (StreamHarness h = started(new MessageArchive())) {
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            CompletableFuture<ArchivePage> page = archive.firstPage(ArchiveQuery.ALL);
            Iq query = nextQuery(h);
            h.receive("<iq type='result' id='" + query.getId() + "' to='" + SELF + "'/>");
            assertThat(page).failsWithin(Duration.ofSeconds(5));
            // The query is over: a straggler for it is no one's, and does not disturb the next query.
            h.receive(result(queryId(query), "late", "2010-07-10T23:08:25Z", "late"));
            CompletableFuture<ArchivePage> next = archive.firstPage(ArchiveQuery.ALL);
            Iq second = nextQuery(h);
            answer(h, second, true, "a");
            assertThat(next.get(5, TimeUnit.SECONDS).messages()).extracting(ArchivedMessage::id).containsExactly("a");
        }
    }

    private static Throwable rootCause(CompletableFuture<?> future) {
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        }
    }

    @Test
    void catchUpPagesToTheEndAndHandsOverEachMessageOnce() throws Exception {
        try (StreamHarness h = started(new MessageArchive())) {
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            // Received live while the catch-up was not running yet: already handled.
            h.receive("<message from='romeo@montague.lit/orchard' to='" + SELF + "' type='chat'><body>live</body>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' by='juliet@capulet.lit' id='b'/>"
                    + "<stanza-id xmlns='urn:xmpp:sid:0' by='romeo@montague.lit' id='c'/></message>");
            List<String> handed = new CopyOnWriteArrayList<>();
            Instant since = Instant.parse("2010-07-10T23:00:00Z");
            CompletableFuture<Integer> first = archive.catchUp(since, m -> handed.add(m.id()));
            Iq page1 = nextQuery(h);
            assertThat(mam(page1).getForm().field("start").getValue()).isEqualTo("2010-07-10T23:00:00Z");
            answer(h, page1, false, "a", "b");
            Iq page2 = nextQuery(h);
            assertThat(paging(page2).getAfter()).isEqualTo("b");
            assertThat(mam(page2).getForm().field("start").getValue()).as("the same query, paged")
                    .isEqualTo("2010-07-10T23:00:00Z");
            answer(h, page2, true, "c", "d");
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(handed).as("'b' was handled live; 'c' was only claimed by someone else")
                    .containsExactly("a", "c", "d");
            assertThat(archive.lastHandledId()).isEqualTo("d");

            CompletableFuture<Integer> again = archive.catchUp(since, m -> handed.add(m.id()));
            answer(h, nextQuery(h), true, "c", "d", "e");
            assertThat(again.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(handed).containsExactly("a", "c", "d", "e");
        }
    }

    @Test
    void forEachAndTheLazyIteratorFetchPagesAsNeeded() throws Exception {
        try (StreamHarness h = started(new MessageArchive())) {
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            List<String> seen = new ArrayList<>();
            CompletableFuture<Integer> all = archive.forEach(ArchiveQuery.ALL, m -> seen.add(m.id()));
            answer(h, nextQuery(h), false, "a");
            answer(h, nextQuery(h), true, "b");
            assertThat(all.get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(seen).containsExactly("a", "b");

            Iterator<ArchivedMessage> lazy = archive.iterate(ArchiveQuery.ALL);
            assertThat(h.peer.nextSent(Duration.ofMillis(200))).as("nothing fetched before it is used").isNull();
            CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
                List<String> ids = new ArrayList<>();
                lazy.forEachRemaining(m -> ids.add(m.id()));
                return ids;
            });
            answer(h, nextQuery(h), false, "a", "b");
            Iq second = nextQuery(h);
            assertThat(paging(second).getAfter()).isEqualTo("b");
            answer(h, second, true);
            assertThat(read.get(5, TimeUnit.SECONDS)).containsExactly("a", "b");
        }
    }

    @Test
    void loadsByNameWithResultSetManagement() throws Exception {
        try (StreamHarness h = boundTo(SELF)) {
            h.xmpp.registerPlugin(MessageArchive.NAME);
            h.start();
            assertThat(h.xmpp.plugin(MessageArchive.class)).isNotNull();
            assertThat(h.xmpp.plugin(ResultSetManagement.NAME)).isInstanceOf(ResultSetManagement.class);
        }
    }

    @Test
    void typedAndGenericAccessReachTheElements() {
        Message wrapper = new Message(org.xmppboot.xml.XmlElement.parse(
                result("f27", "28482-98726-73623", "2010-07-10T23:08:25Z", "Hail to thee")));
        assertThat(wrapper.getMamResult().getId()).isEqualTo("28482-98726-73623");
        assertThat(wrapper.get("mam_result")).isInstanceOf(MamResult.class);
        assertThat(wrapper.getMamResult().getQueryId()).isEqualTo("f27");
        assertThat(wrapper.getBody()).isNull();
    }
}
