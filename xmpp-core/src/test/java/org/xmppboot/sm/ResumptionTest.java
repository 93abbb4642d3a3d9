package org.xmppboot.sm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.roster.InMemoryRosterStore;
import org.xmppboot.roster.Roster;
import org.xmppboot.roster.SubscriptionPolicy;
import org.xmppboot.stanza.Message;
import org.xmppboot.xml.XmlElement;

/** Resuming a lost session (XEP-0198 §5) against a scripted server, and what happens when it cannot be. */
class ResumptionTest {

    private @Nullable SmServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private SmServer server(ClientConfig.Builder config) {
        server = new SmServer(config).recordEvents("session_start", "session_resumed", "session_end", "message",
                StreamManagement.RESEND_EVENT, StreamManagement.RESUMPTION_FAILED_EVENT);
        return server;
    }

    private static void send(SmServer s, String body) {
        s.client.sendMessage(SmServer.ROMEO, body, Message.Type.CHAT);
    }

    @Test
    void resumedSendsExactlyWhatTheServerDidNotHandleAheadOfWhatWasSentOfflineAndNothingElse() throws Exception {
        SmServer s = server(SmServer.config().fetchRoster(true).sendInitialPresence(true));
        s.authenticate();
        s.offerFeatures(true);
        s.bind();
        XmlElement rosterGet = s.nextSent();
        assertThat(rosterGet.element("query", "jabber:iq:roster")).isNotNull();
        s.recv("<iq type='result' id='" + rosterGet.attribute("id") + "'><query xmlns='jabber:iq:roster'/></iq>");
        s.enable();
        assertThat(s.nextSent().name()).isEqualTo("presence");
        s.awaitEvent("session_start");

        send(s, "m1");
        send(s, "m2");
        assertThat(List.of(s.nextBody(), s.nextBody())).containsExactly("m1", "m2");
        s.expectSm("r", null);
        s.recv("<a xmlns='urn:xmpp:sm:3' h='2'/>"); // the presence and m1
        send(s, "m3");
        assertThat(s.nextBody()).isEqualTo("m3");
        s.message("in-1");
        s.message("in-2");
        s.awaitEvent("message");
        s.awaitEvent("message");

        s.lose();
        send(s, "m4");
        assertThat(s.client.heldStanzaCount()).isEqualTo(1);
        s.authenticate();
        s.offerFeatures(true);
        XmlElement resume = s.nextSent();
        assertThat(resume.is("resume", SmServer.SM)).as(resume.toXml()).isTrue();
        assertThat(resume.attribute("previd")).isEqualTo(SmServer.ID);
        assertThat(resume.attribute("h")).as("both messages received, nothing else").isEqualTo("2");
        s.recv("<resumed xmlns='urn:xmpp:sm:3' h='3' previd='" + SmServer.ID + "'/>"); // ... and m2

        assertThat(s.nextBody()).as("m3 again, the one the server did not handle").isEqualTo("m3");
        assertThat(s.nextBody()).as("then what was sent offline").isEqualTo("m4");
        s.expectSm("r", null);
        s.expectNothingSent(); // no bind, no roster get, no presence
        assertThat(s.awaitEvent("session_resumed")).isEqualTo("session_resumed " + SmServer.BOUND);
        assertThat(s.eventNames()).doesNotContain("session_start", StreamManagement.RESEND_EVENT);
        assertThat(s.client.boundJid()).isEqualTo(SmServer.BOUND);
        assertThat(s.client.isSessionEstablished()).isTrue();
        assertThat(s.sm().resentTotal()).isEqualTo(1);

        s.recv("<a xmlns='urn:xmpp:sm:3' h='5'/>");
        await().atMost(SmServer.WAIT).until(() -> s.sm().unackedCount() == 0);
        s.message("in-3");
        s.recv("<r xmlns='urn:xmpp:sm:3'/>");
        s.expectSm("a", 3L);
    }

    @Test
    void failedResumptionBindsANewSessionEnablesAgainThenSendsTheUnacknowledgedStanzasWithAnEvent()
            throws Exception {
        SmServer s = server(SmServer.config()).session();
        s.awaitEvent("session_start");
        send(s, "m1");
        send(s, "m2");
        send(s, "m3");
        assertThat(List.of(s.nextBody(), s.nextBody(), s.nextBody())).containsExactly("m1", "m2", "m3");
        s.expectSm("r", null);
        s.recv("<a xmlns='urn:xmpp:sm:3' h='1'/>");
        s.message("in-1");
        s.awaitEvent("message");

        s.lose();
        send(s, "m4");
        s.authenticate();
        s.offerFeatures(true);
        assertThat(s.nextSent().attribute("h")).isEqualTo("1");
        // XEP-0198 §5, Example 13, with the h a server may add: m2 was handled after all.
        s.recv("<failed xmlns='urn:xmpp:sm:3' h='2'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "</failed>");
        s.bind();
        s.enable();
        assertThat(s.nextBody()).as("the one neither acked nor covered by <failed h/>").isEqualTo("m3");
        s.expectSm("r", null);
        assertThat(s.nextBody()).isEqualTo("m4");

        assertThat(s.awaitEvent(StreamManagement.RESUMPTION_FAILED_EVENT)).endsWith(" item-not-found");
        s.awaitEvent(StreamManagement.RESEND_EVENT);
        assertThat(s.eventData).anySatisfy(data -> assertThat(data).isInstanceOfSatisfying(List.class, list -> {
            assertThat(list).hasSize(1);
            assertThat(((XmlElement) list.get(0)).childText("body", "jabber:client")).isEqualTo("m3");
        }));
        s.awaitEvent("session_start");
        assertThat(s.sm().resentTotal()).isEqualTo(1);
        assertThat(s.sm().isResumable()).isTrue();

        s.recv("<a xmlns='urn:xmpp:sm:3' h='2'/><r xmlns='urn:xmpp:sm:3'/>");
        s.expectSm("a", 0L);
        await().atMost(SmServer.WAIT).until(() -> s.sm().unackedCount() == 0);
    }

    @Test
    void aSessionEnabledWithoutResumptionIsNotResumedButWhatItLeftUnacknowledgedGoesOutAgain() throws Exception {
        SmServer s = server(SmServer.config());
        s.authenticate();
        s.offerFeatures(true);
        s.bind();
        assertThat(s.nextSent().name()).isEqualTo("enable");
        s.recv("<enabled xmlns='urn:xmpp:sm:3'/>");
        s.awaitEvent("session_start");
        assertThat(s.sm().isResumable()).isFalse();
        send(s, "m1");
        assertThat(s.nextBody()).isEqualTo("m1");

        s.lose();
        s.authenticate();
        s.offerFeatures(false); // and the server no longer offers it at all
        s.bind();
        assertThat(s.nextBody()).as("sent again, uncounted").isEqualTo("m1");
        s.awaitEvent(StreamManagement.RESEND_EVENT);
        s.awaitEvent("session_start");
        assertThat(s.sm().isEnabled()).isFalse();
        assertThat(s.sm().unackedCount()).isZero();
    }

    @Test
    void theRosterStaysLoadedAcrossAResumptionAndIsNotRequestedAgain() throws Exception {
        SmServer s = server(SmServer.config());
        Roster roster = Roster.attach(s.client, new InMemoryRosterStore(), SubscriptionPolicy.ACCEPT_ALL);
        s.authenticate();
        s.offerFeatures(true);
        s.bind();
        XmlElement get = s.nextSent();
        s.recv("<iq type='result' id='" + get.attribute("id") + "'><query xmlns='jabber:iq:roster'>"
                + "<item jid='romeo@example.net' subscription='both'/></query></iq>");
        s.enable();
        s.awaitEvent("session_start");
        await().atMost(SmServer.WAIT).until(roster::isLoaded);

        s.lose();
        await().atMost(SmServer.WAIT).until(() -> !roster.isLoaded());
        s.authenticate();
        s.offerFeatures(true);
        assertThat(s.nextSent().name()).isEqualTo("resume");
        s.recv("<resumed xmlns='urn:xmpp:sm:3' h='0' previd='" + SmServer.ID + "'/>");
        s.awaitEvent("session_resumed");
        s.expectNothingSent();
        await().atMost(SmServer.WAIT).until(roster::isLoaded);
        assertThat(roster.size()).isEqualTo(1);
    }

    @Test
    void contactsPresenceIsKeptForAResumptionAndForgottenWhenANewSessionStarts() throws Exception {
        SmServer s = server(SmServer.config()).session();
        s.recv("<presence from='romeo@example.net/orchard'/>");
        await().atMost(SmServer.WAIT).until(() -> s.client.presences().isOnline(SmServer.ROMEO));

        s.lose();
        s.authenticate();
        s.offerFeatures(true);
        s.nextSent();
        s.recv("<resumed xmlns='urn:xmpp:sm:3' h='0' previd='" + SmServer.ID + "'/>");
        s.awaitEvent("session_resumed");
        assertThat(s.client.presences().isOnline(SmServer.ROMEO)).isTrue();

        s.lose();
        s.authenticate();
        s.offerFeatures(true);
        s.nextSent();
        s.recv("<failed xmlns='urn:xmpp:sm:3'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "</failed>");
        s.bind();
        s.enable();
        s.awaitEvent("session_start");
        await().atMost(SmServer.WAIT).until(() -> !s.client.presences().isOnline(SmServer.ROMEO));
    }
}
