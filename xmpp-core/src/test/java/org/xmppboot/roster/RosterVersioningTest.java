package org.xmppboot.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/** Roster versioning (RFC 6121 §2.6), the store, and the initial roster fetched by the client itself. */
class RosterVersioningTest {

    private final InMemoryRosterStore store = new InMemoryRosterStore();
    private @Nullable ScriptedServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private ScriptedServer session(ClientConfig.Builder config, SubscriptionPolicy policy, boolean versioning)
            throws Exception {
        if (server != null) {
            server.close();
        }
        ScriptedServer s = new ScriptedServer(new ClientXMPP(config.build()));
        server = s;
        Roster.attach(s.client, store, policy);
        s.recordEvents("roster_loaded", "roster_item_changed", "roster_item_removed");
        return s.negotiate(versioning);
    }

    private static Roster roster(ScriptedServer s) {
        return s.client.plugin(Roster.class);
    }

    @Test
    void bootstrapsWithAnEmptyVersionThenGetsAnEmptyResultMeaningUnchanged() throws Exception {
        // RFC 6121 §2.6.2: no cached roster yet, so ver='' to bootstrap versioning.
        ScriptedServer s = session(ScriptedServer.config(), SubscriptionPolicy.ACCEPT_ALL, true);
        String id = s.expectRosterGet("");
        s.recv("<iq id='" + id + "' type='result'>" + RosterPushTest.JULIET_ROSTER + "</iq>");
        s.awaitEvent("roster_loaded");
        assertThat(store.version()).isEqualTo("ver11");
        assertThat(store.size()).isEqualTo(3);

        // The next login sends the cached version; §2.6.3: an empty result means the cache is current, and the
        // changes follow as pushes carrying the new version.
        s = session(ScriptedServer.config(), SubscriptionPolicy.ACCEPT_ALL, true);
        Roster roster = roster(s);
        assertThat(roster.size()).as("the cached items, before the roster arrives").isEqualTo(3);
        assertThat(roster.isLoaded()).isFalse();
        id = s.expectRosterGet("ver11");
        s.recv("<iq id='" + id + "' type='result'/>");
        assertThat(s.nextEvent(ScriptedServer.WAIT)).as("nothing changed, nothing raised but the load")
                .startsWith("roster_loaded");
        assertThat(roster.isLoaded()).isTrue();
        assertThat(roster.size()).isEqualTo(3);

        s.recv("<iq id='d1' type='set'><query xmlns='jabber:iq:roster' ver='ver12'>"
                + "<item jid='nurse@example.com' name='Nurse'/></query></iq>");
        s.expectSent("<iq id='d1' type='result'/>");
        s.recv("<iq id='d2' type='set'><query xmlns='jabber:iq:roster' ver='ver13'>"
                + "<item jid='benvolio@example.net' subscription='remove'/></query></iq>");
        s.expectSent("<iq id='d2' type='result'/>");
        s.awaitEvent("roster_item_removed");
        assertThat(roster.version()).isEqualTo("ver13");
        assertThat(store.version()).isEqualTo("ver13");
        assertThat(store.load().items()).extracting(i -> i.jid().toString())
                .containsExactlyInAnyOrder("romeo@example.net", "mercutio@example.com", "nurse@example.com");
    }

    @Test
    void aFullResultReplacesTheCacheAndRaisesTheDifferences() throws Exception {
        store.replaceAll("ver11", List.of(RosterItem.of(Jid.of("romeo@example.net"), "Romeo"),
                RosterItem.of(Jid.of("tybalt@example.org"), "Tybalt")));
        ScriptedServer s = session(ScriptedServer.config(), SubscriptionPolicy.ACCEPT_ALL, true);
        String id = s.expectRosterGet("ver11");
        // §2.6.3: the server may answer with the whole roster instead of pushes.
        s.recv("<iq id='" + id + "' type='result'><query xmlns='jabber:iq:roster' ver='ver14'>"
                + "<item jid='romeo@example.net' name='Romeo'/><item jid='nurse@example.com'/></query></iq>");
        assertThat(s.nextEvent(ScriptedServer.WAIT)).startsWith("roster_item_changed")
                .contains("jid=nurse@example.com, previous=null");
        assertThat(s.nextEvent(ScriptedServer.WAIT)).startsWith("roster_item_removed")
                .contains("jid=tybalt@example.org");
        assertThat(s.nextEvent(ScriptedServer.WAIT)).startsWith("roster_loaded");
        assertThat(store.version()).isEqualTo("ver14");
        assertThat(roster(s).jids()).extracting(Jid::toString)
                .containsExactly("romeo@example.net", "nurse@example.com");
    }

    @Test
    void noVersionIsSentWhenTheServerDoesNotOfferVersioning() throws Exception {
        store.replaceAll("ver11", List.of(RosterItem.of(Jid.of("romeo@example.net"))));
        ScriptedServer s = session(ScriptedServer.config(), SubscriptionPolicy.ACCEPT_ALL, false);
        // §2.6.2: 'ver' only when the server advertised the stream feature.
        String id = s.expectRosterGet(null);
        assertThat(roster(s).isVersioningOffered()).isFalse();
        s.recv("<iq id='" + id + "' type='result'><query xmlns='jabber:iq:roster'/></iq>");
        s.awaitEvent("roster_loaded");
        assertThat(roster(s).size()).as("an empty query is an empty roster, not 'unchanged'").isZero();
        assertThat(store.version()).isNull();
    }

    @Test
    void theRosterIsLoadedDuringTheSetUpBeforeSessionStartAndRaisedOnce() throws Exception {
        ClientXMPP client = new ClientXMPP(ScriptedServer.config().fetchRoster(true).build());
        ScriptedServer s = new ScriptedServer(client);
        server = s;
        Roster roster = Roster.attach(client, store, SubscriptionPolicy.ACCEPT_ALL);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        client.addEventHandler("roster_update", data -> seen.add("roster_update " + ((Iq) data).getIqType()));
        client.addEventHandler("session_start", data -> seen.add("session_start, roster has " + roster.size()));
        s.negotiate(true);

        // The roster's own get replaces the client's: with the bootstrap version, answered in full.
        String id = s.expectRosterGet("");
        s.recv("<iq id='" + id + "' type='result'>" + RosterPushTest.JULIET_ROSTER + "</iq>");
        client.sessionFuture().get(5, TimeUnit.SECONDS);

        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("roster_update RESULT");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("session_start, roster has 3");
        s.expectNothingSent();
        assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).as("roster_update raised once").isNull();
        assertThat(roster.isLoaded()).isTrue();
        assertThat(store.version()).isEqualTo("ver11");

        s.recv("<iq id='p1' type='set'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com'/></query></iq>");
        s.expectSent("<iq id='p1' type='result'/>");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("roster_update SET");
    }

    @Test
    void theNegotiationCanSendTheGetItselfAndHandTheResultToLoad() throws Exception {
        Roster roster = new Roster(store, SubscriptionPolicy.ACCEPT_ALL);
        store.replaceAll("ver11", List.of(RosterItem.of(Jid.of("romeo@example.net"))));
        XmlElement payload = roster.requestPayload(true);
        assertThat(payload.toXml()).isEqualTo("<query xmlns=\"jabber:iq:roster\" ver=\"\"/>");
        assertThat(new Roster(store, SubscriptionPolicy.ACCEPT_ALL).requestPayload(true).attribute("ver"))
                .isEqualTo("ver11");
        assertThat(roster.requestPayload(false).attribute("ver")).isNull();

        roster.load(new Iq(XmlElement.parse("<iq xmlns='jabber:client' type='result' id='r1'>"
                + RosterPushTest.JULIET_ROSTER + "</iq>")));
        assertThat(roster.isLoaded()).isTrue();
        assertThat(roster.size()).isEqualTo(3);
    }

    @Test
    void aFailingStoreCostsNothingButTheCache() throws Exception {
        RosterStore broken = new RosterStore() {
            @Override
            public Snapshot load() {
                throw new IllegalStateException("disk gone");
            }

            @Override
            public void replaceAll(@Nullable String version, Collection<RosterItem> items) {
                throw new IllegalStateException("disk gone");
            }

            @Override
            public void save(@Nullable String version, RosterItem item) {
                throw new IllegalStateException("disk gone");
            }

            @Override
            public void remove(@Nullable String version, Jid jid) {
                throw new IllegalStateException("disk gone");
            }
        };
        ScriptedServer s = new ScriptedServer(new ClientXMPP(ScriptedServer.config().build()));
        server = s;
        Roster roster = Roster.attach(s.client, broken, SubscriptionPolicy.ACCEPT_ALL);
        s.recordEvents("roster_loaded").negotiate(true);
        String id = s.expectRosterGet("");
        s.recv("<iq id='" + id + "' type='result'>" + RosterPushTest.JULIET_ROSTER + "</iq>");
        s.awaitEvent("roster_loaded");
        s.recv("<iq id='p1' type='set'><query xmlns='jabber:iq:roster'><item jid='nurse@example.com'/></query></iq>");
        s.expectSent("<iq id='p1' type='result'/>");
        assertThat(roster.size()).isEqualTo(4);
        assertThat(s.client.isConnected()).isTrue();
        assertThat(s.peer.nextSent(Duration.ofMillis(100))).isNull();
    }
}
