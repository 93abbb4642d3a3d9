package org.xmppboot.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.xml.XmlElement;

/** Roster results, pushes and sets (RFC 6121 §2.1-§2.5), with the RFC's examples, over a scripted server. */
class RosterPushTest {

    /** RFC 6121 §2.1.4, the roster result of the example. */
    static final String JULIET_ROSTER = "<query xmlns='jabber:iq:roster' ver='ver11'>"
            + "<item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item>"
            + "<item jid='mercutio@example.com' name='Mercutio' subscription='from'/>"
            + "<item jid='benvolio@example.net' name='Benvolio' subscription='both'/></query>";

    private @Nullable ScriptedServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** A session whose roster was requested at session_start and answered with Juliet's roster. */
    private Roster loaded(ScriptedServer s) throws Exception {
        server = s;
        Roster roster = Roster.attach(s.client);
        s.negotiate(false);
        String id = s.expectRosterGet(null);
        s.recv("<iq id='" + id + "' to='" + ScriptedServer.BOUND + "' type='result'>" + JULIET_ROSTER + "</iq>");
        s.awaitEvent("roster_loaded");
        return roster;
    }

    private static ScriptedServer newServer() {
        return new ScriptedServer(new ClientXMPP(ScriptedServer.config().build()));
    }

    @Test
    void theInitialRosterIsReadableByJidAndGroup() throws Exception {
        Roster roster = loaded(newServer().recordEvents("roster_loaded"));

        assertThat(roster.isLoaded()).isTrue();
        assertThat(roster.size()).isEqualTo(3);
        assertThat(roster.version()).isEqualTo("ver11");
        RosterItem romeo = roster.get(Jid.of("romeo@example.net/orchard"));
        assertThat(romeo).as("found by a full JID's bare JID").isNotNull();
        assertThat(romeo.name()).isEqualTo("Romeo");
        assertThat(romeo.subscription()).isEqualTo(Subscription.BOTH);
        assertThat(roster.groups()).containsExactly("Friends");
        assertThat(roster.group("Friends")).extracting(RosterItem::jid).containsExactly(Jid.of("romeo@example.net"));
        assertThat(roster.items()).extracting(i -> i.jid().toString())
                .containsExactly("romeo@example.net", "mercutio@example.com", "benvolio@example.net");
        assertThatThrownBy(() -> roster.items().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aPushIsAppliedAnsweredOnceAndRaised() throws Exception {
        ScriptedServer s = newServer().recordEvents("roster_loaded", "roster_item_changed");
        Roster roster = loaded(s);
        BlockingQueue<Object> updates = new LinkedBlockingQueue<>();
        s.client.addEventHandler("roster_update", updates::add);

        // RFC 6121 §2.3.2: the push for a new item, without 'from' (implicitly from the account).
        s.recv("<iq id='a78b4q6ha463' to='juliet@example.com/balcony' type='set'>"
                + "<query xmlns='jabber:iq:roster'><item jid='nurse@example.com' name='Nurse'>"
                + "<group>Servants</group></item></query></iq>");
        s.expectSent("<iq from='juliet@example.com/balcony' id='a78b4q6ha463' type='result'/>");
        s.expectNothingSent();

        assertThat(s.nextEvent(ScriptedServer.WAIT))
                .isEqualTo("roster_item_changed " + new RosterChange(Jid.of("nurse@example.com"), null,
                        RosterItem.of(Jid.of("nurse@example.com"), "Nurse", "Servants")));
        Object update = updates.poll(5, TimeUnit.SECONDS);
        assertThat(update).isInstanceOf(Iq.class);
        assertThat(((Iq) update).getId()).isEqualTo("a78b4q6ha463");
        assertThat(roster.get(Jid.of("nurse@example.com")).groups()).containsExactly("Servants");
        assertThat(roster.version()).as("a push without ver keeps the version").isEqualTo("ver11");
    }

    @Test
    void aPushFromTheAccountsBareJidIsAcceptedAndItsVersionKept() throws Exception {
        ScriptedServer s = newServer().recordEvents("roster_loaded", "roster_item_changed");
        Roster roster = loaded(s);

        s.recv("<iq from='juliet@example.com' id='p1' to='juliet@example.com/balcony' type='set'>"
                + "<query xmlns='jabber:iq:roster' ver='ver12'><item jid='romeo@example.net' name='Romeo' "
                + "subscription='both'><group>Friends</group><group>Lovers</group></item></query></iq>");
        s.expectSent("<iq from='juliet@example.com/balcony' to='juliet@example.com' id='p1' type='result'/>");

        String event = s.nextEvent(ScriptedServer.WAIT);
        assertThat(event).startsWith("roster_item_changed").contains("Lovers");
        assertThat(roster.get(Jid.of("romeo@example.net")).groups()).containsExactly("Friends", "Lovers");
        assertThat(roster.version()).isEqualTo("ver12");
    }

    @Test
    void aPushFromAnyoneElseIsIgnoredAndAnsweredServiceUnavailable() throws Exception {
        ScriptedServer s = newServer().recordEvents("roster_loaded", "roster_item_changed", "roster_item_removed");
        Roster roster = loaded(s);

        // §2.1.6: only absent or the user's bare JID; not a contact, not the server's domain, not another resource.
        for (String from : new String[] {"mallory@evil.example/x", "example.com", "juliet@example.com/other"}) {
            s.recv("<iq from='" + from + "' id='evil' to='juliet@example.com/balcony' type='set'>"
                    + "<query xmlns='jabber:iq:roster'><item jid='romeo@example.net' subscription='remove'/>"
                    + "</query></iq>");
            XmlElement answer = s.nextSent();
            assertThat(answer.attribute("type")).isEqualTo("error");
            assertThat(answer.attribute("to")).isEqualTo(from);
            assertThat(answer.element("error", "jabber:client")
                    .element("service-unavailable", StanzaError.NAMESPACE)).isNotNull();
        }
        s.expectNothingSent();
        assertThat(roster.contains(Jid.of("romeo@example.net"))).isTrue();
        assertThat(s.nextEvent(java.time.Duration.ofMillis(200))).as("no roster event").isNull();
    }

    @Test
    void aPushWithoutExactlyOneValidItemIsABadRequest() throws Exception {
        ScriptedServer s = newServer().recordEvents("roster_loaded");
        Roster roster = loaded(s);

        s.recv("<iq id='two' type='set'><query xmlns='jabber:iq:roster'><item jid='a@example.com'/>"
                + "<item jid='b@example.com'/></query></iq>");
        assertThat(s.nextSent().element("error", "jabber:client").element("bad-request", StanzaError.NAMESPACE))
                .isNotNull();
        s.recv("<iq id='bad' type='set'><query xmlns='jabber:iq:roster'><item jid='@example.com'/></query></iq>");
        assertThat(s.nextSent().attribute("type")).isEqualTo("error");
        s.expectNothingSent();
        assertThat(roster.size()).isEqualTo(3);
    }

    @Test
    void aRemovePushRemovesTheItem() throws Exception {
        ScriptedServer s = newServer().recordEvents("roster_loaded", "roster_item_removed");
        Roster roster = loaded(s);

        // RFC 6121 §2.5.2.
        s.recv("<iq id='hm4hs97y' to='juliet@example.com/balcony' type='set'><query xmlns='jabber:iq:roster'>"
                + "<item jid='benvolio@example.net' subscription='remove'/></query></iq>");
        s.expectSent("<iq from='juliet@example.com/balcony' id='hm4hs97y' type='result'/>");
        assertThat(s.nextEvent(ScriptedServer.WAIT)).startsWith("roster_item_removed")
                .contains("current=null");
        assertThat(roster.contains(Jid.of("benvolio@example.net"))).isFalse();
    }

    @Test
    void setAndRemoveSendRosterSetsWithoutSubscriptionOrAsk() throws Exception {
        ScriptedServer s = newServer().recordEvents("roster_loaded");
        Roster roster = loaded(s);

        // RFC 6121 §2.3.1; the item's server-side state (subscription, ask) is never sent.
        RosterItem nurse = new RosterItem(Jid.of("nurse@example.com"), "Nurse", java.util.Set.of("Servants"),
                Subscription.BOTH, true, false);
        CompletableFuture<Void> added = roster.set(nurse);
        XmlElement set = s.expectSent("<iq type='set'><query xmlns='jabber:iq:roster'>"
                + "<item jid='nurse@example.com' name='Nurse'><group>Servants</group></item></query></iq>");
        assertThat(added).isNotDone();
        s.recv("<iq id='" + set.attribute("id") + "' to='juliet@example.com/balcony' type='result'/>");
        added.get(5, TimeUnit.SECONDS);

        // RFC 6121 §2.5.1, and an error response (§2.5.3) fails the future.
        CompletableFuture<Void> removed = roster.remove(Jid.of("nurse@example.com"));
        XmlElement remove = s.expectSent("<iq type='set'><query xmlns='jabber:iq:roster'>"
                + "<item jid='nurse@example.com' subscription='remove'/></query></iq>");
        s.recv("<iq id='" + remove.attribute("id") + "' type='error'><error type='modify'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        assertThatThrownBy(() -> removed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(StanzaErrorException.class)
                .satisfies(e -> assertThat(((StanzaErrorException) e).condition())
                        .isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND));
    }

    @Test
    void aRosterRegisteredByNameWorksAndASecondOneIsRefused() throws Exception {
        ScriptedServer s = newServer();
        server = s;
        s.client.registerPlugin(Roster.NAME);
        assertThat(s.client.plugin(Roster.class)).isNotNull();
        assertThatThrownBy(() -> Roster.attach(s.client))
                .isInstanceOf(org.xmppboot.plugin.PluginException.class);
        s.negotiate(false);
        s.expectRosterGet(null);
    }

    @Test
    void aRosterAttachedDuringTheSessionRequestsTheRosterAtOnce() throws Exception {
        ScriptedServer s = newServer();
        server = s;
        s.negotiate(true);
        s.expectNothingSent();
        Roster roster = Roster.attach(s.client);
        // It missed the stream features, so it cannot know versioning is offered: no version (§2.6.2).
        String id = s.expectRosterGet(null);
        s.recv("<iq id='" + id + "' type='result'>" + JULIET_ROSTER + "</iq>");
        org.awaitility.Awaitility.await().atMost(ScriptedServer.WAIT).until(roster::isLoaded);
        assertThat(roster.toString()).isEqualTo("Roster[3 items, version ver11, loaded]");
    }
}
