package org.xmppboot.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Presence;

/** Presence subscriptions (RFC 6121 §3) answered by the policy, with the RFC's examples. */
class RosterSubscriptionTest {

    /** RFC 6121 §3.1.3: the request as the contact's server delivers it, from the user's bare JID. */
    private static final String REQUEST = "<presence from='romeo@example.net' id='xk3h1v69' "
            + "to='juliet@example.com' type='subscribe'/>";

    private @Nullable ScriptedServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Roster start(SubscriptionPolicy policy, String rosterItems) throws Exception {
        ScriptedServer s = new ScriptedServer(new ClientXMPP(ScriptedServer.config().build()));
        server = s;
        Roster roster = Roster.attach(s.client, new InMemoryRosterStore(), policy);
        s.recordEvents("roster_loaded", "roster_subscription_request").negotiate(false);
        String id = s.expectRosterGet(null);
        s.recv("<iq id='" + id + "' type='result'><query xmlns='jabber:iq:roster'>" + rosterItems + "</query></iq>");
        s.awaitEvent("roster_loaded");
        return roster;
    }

    private ScriptedServer s() {
        return server;
    }

    @Test
    void acceptAllApprovesAndDoesNotSubscribeBack() throws Exception {
        start(SubscriptionPolicy.ACCEPT_ALL, "");
        s().recv(REQUEST);
        // §3.1.4: approval to the user's bare JID.
        s().expectSent("<presence to='romeo@example.net' type='subscribed'/>");
        s().expectNothingSent();
    }

    @Test
    void aRequestFromAFullJidIsAnsweredToTheBareJid() throws Exception {
        start(SubscriptionPolicy.ACCEPT_ALL, "");
        s().recv("<presence from='romeo@example.net/orchard' type='subscribe'/>");
        s().expectSent("<presence to='romeo@example.net' type='subscribed'/>");
    }

    @Test
    void mutualApprovesAndSubscribesBackUnlessAlreadySubscribedOrAsking() throws Exception {
        start(SubscriptionPolicy.MUTUAL, "<item jid='mercutio@example.com' subscription='to'/>"
                + "<item jid='benvolio@example.net' ask='subscribe'/>");
        s().recv(REQUEST);
        s().expectSent("<presence to='romeo@example.net' type='subscribed'/>");
        s().expectSent("<presence to='romeo@example.net' type='subscribe'/>");

        s().recv("<presence from='mercutio@example.com' type='subscribe'/>");
        s().expectSent("<presence to='mercutio@example.com' type='subscribed'/>");
        s().recv("<presence from='benvolio@example.net' type='subscribe'/>");
        s().expectSent("<presence to='benvolio@example.net' type='subscribed'/>");
        s().expectNothingSent();
    }

    @Test
    void rejectAllDenies() throws Exception {
        start(SubscriptionPolicy.REJECT_ALL, "");
        s().recv(REQUEST);
        // §3.1.4: denial is unsubscribed.
        s().expectSent("<presence to='romeo@example.net' type='unsubscribed'/>");
        s().expectNothingSent();
    }

    @Test
    void manualRaisesTheRequestAndTheApplicationAnswers() throws Exception {
        Roster roster = start(SubscriptionPolicy.MANUAL, "");
        s().recv(REQUEST);
        String event = s().awaitEvent("roster_subscription_request");
        assertThat(event).contains("from=\"romeo@example.net\"").contains("type=\"subscribe\"");
        s().expectNothingSent();
        assertThat(roster.pendingRequests()).containsExactly(Jid.of("romeo@example.net"));

        roster.approve(Jid.of("romeo@example.net"));
        s().expectSent("<presence to='romeo@example.net' type='subscribed'/>");
        assertThat(roster.pendingRequests()).isEmpty();

        s().recv("<presence from='tybalt@example.org' type='subscribe'/>");
        s().awaitEvent("roster_subscription_request");
        roster.deny(Jid.of("tybalt@example.org/sword"));
        s().expectSent("<presence to='tybalt@example.org' type='unsubscribed'/>");
        assertThat(roster.pendingRequests()).isEmpty();
    }

    @Test
    void aRequestWithdrawnWithUnsubscribeIsNoLongerPending() throws Exception {
        Roster roster = start(SubscriptionPolicy.MANUAL, "");
        s().recv(REQUEST);
        s().awaitEvent("roster_subscription_request");
        s().recv("<presence from='romeo@example.net' type='unsubscribe'/>");
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> roster.pendingRequests().isEmpty());
        s().expectNothingSent();
    }

    @Test
    void subscribedUnsubscribedAndUnsubscribeAreNotAnswered() throws Exception {
        start(SubscriptionPolicy.MUTUAL, "<item jid='romeo@example.net' subscription='both'/>");
        // The server tracks the state and pushes it (§3.1.5, §3.2.3, §3.3.3): nothing for the client to send.
        s().recv("<presence from='romeo@example.net' type='subscribed'/>"
                + "<presence from='romeo@example.net' type='unsubscribed'/>"
                + "<presence from='romeo@example.net' type='unsubscribe'/>");
        s().expectNothingSent();
    }

    @Test
    void theApplicationSubscribesAndUnsubscribes() throws Exception {
        Roster roster = start(SubscriptionPolicy.ACCEPT_ALL, "");
        roster.subscribe(Jid.of("romeo@example.net/orchard"));
        s().expectSent("<presence to='romeo@example.net' type='subscribe'/>");
        roster.unsubscribe(Jid.of("romeo@example.net"));
        s().expectSent("<presence to='romeo@example.net' type='unsubscribe'/>");
    }

    @Test
    void aFailingPolicyLeavesTheRequestUnansweredAndAPolicyMayLookAtTheItem() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Roster roster = start((contact, item) -> {
            seen.add(contact + " " + (item == null ? "unknown" : item.subscription()));
            if (contact.domain().equals("example.org")) {
                throw new IllegalStateException("policy bug");
            }
            return SubscriptionPolicy.Decision.ACCEPT;
        }, "<item jid='romeo@example.net' subscription='to'/>");
        s().recv("<presence from='tybalt@example.org' type='subscribe'/>");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("tybalt@example.org unknown");
        s().expectNothingSent();

        s().recv(REQUEST);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("romeo@example.net TO");
        s().expectSent("<presence to='romeo@example.net' type='subscribed'/>");

        roster.setPolicy(SubscriptionPolicy.REJECT_ALL);
        s().recv("<presence from='nurse@example.com' type='subscribe'/>");
        s().expectSent("<presence to='nurse@example.com' type='unsubscribed'/>");
    }

    @Test
    void requestsFromTheAccountItselfAreIgnored() throws Exception {
        start(SubscriptionPolicy.ACCEPT_ALL, "");
        s().recv("<presence from='juliet@example.com/chamber' type='subscribe'/>");
        s().expectNothingSent();
    }

    @Test
    void pendingRequestsAreBoundedOldestForgottenFirst() {
        Subscriptions subscriptions = new Subscriptions(new Roster(), SubscriptionPolicy.MANUAL);
        org.xmppboot.BaseXMPP xmpp = new org.xmppboot.BaseXMPP("jabber:client",
                org.xmppboot.stream.StreamConfig.defaults().withName("bounded"));
        org.xmppboot.plugin.PluginContext[] context = new org.xmppboot.plugin.PluginContext[1];
        xmpp.registerPlugin(new org.xmppboot.plugin.BasePlugin("test_context") {
            @Override
            protected void start(org.xmppboot.plugin.PluginContext c) {
                context[0] = c;
            }
        });
        xmpp.plugins().initAll();
        for (int i = 0; i <= Subscriptions.MAX_PENDING; i++) {
            Presence request = xmpp.makePresence(null, null, null, Presence.Type.SUBSCRIBE);
            request.setFrom(Jid.of("user" + i + "@example.net"));
            subscriptions.received(context[0], request);
        }
        assertThat(subscriptions.pending()).hasSize(Subscriptions.MAX_PENDING)
                .doesNotContain(Jid.of("user0@example.net"))
                .startsWith(Jid.of("user1@example.net"));
        subscriptions.clearPending();
        assertThat(subscriptions.pending()).isEmpty();
    }
}
