package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.roster.InMemoryRosterStore;
import org.xmppboot.roster.Roster;
import org.xmppboot.roster.RosterChange;
import org.xmppboot.roster.RosterItem;
import org.xmppboot.roster.RosterQuery;
import org.xmppboot.roster.Subscription;
import org.xmppboot.roster.SubscriptionPolicy;
import org.xmppboot.stanza.Iq;

/** The RFC 6121 roster against real servers: subscriptions between two accounts, roster sets and pushes, versioning. */
@XmppServerTest
class RosterIntegrationTest {

    private static final String PASSWORD = "roster-pw";
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** A connected client with a roster; {@code fetchRoster} false leaves the roster get to the Roster. */
    private static ClientXMPP connect(LocalServer server, Jid jid, boolean fetchRoster, InMemoryRosterStore store,
            SubscriptionPolicy policy) throws Exception {
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD).fetchRoster(fetchRoster).build());
        Roster roster = Roster.attach(client, store, policy);
        client.connect().get(15, TimeUnit.SECONDS);
        await().atMost(WAIT).until(roster::isLoaded);
        return client;
    }

    private static Roster roster(ClientXMPP client) {
        return client.plugin(Roster.class);
    }

    private static Subscription subscription(ClientXMPP client, Jid contact) {
        RosterItem item = roster(client).get(contact);
        return item == null ? Subscription.NONE : item.subscription();
    }

    @Test
    void aBotAcceptsASubscriptionAndTheClientSeesItOnline(LocalServer server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid aliceJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = connect(server, botJid, false, new InMemoryRosterStore(), SubscriptionPolicy.ACCEPT_ALL);
        ClientXMPP alice = connect(server, aliceJid, true, new InMemoryRosterStore(), SubscriptionPolicy.MANUAL);
        try {
            roster(alice).subscribe(botJid);

            await().atMost(WAIT).until(() -> alice.presences().isOnline(botJid));
            await().atMost(WAIT).until(() -> subscription(alice, botJid) == Subscription.TO);
            await().atMost(WAIT).until(() -> subscription(bot, aliceJid) == Subscription.FROM);
            assertThat(bot.presences().isOnline(aliceJid)).as("the bot did not subscribe back").isFalse();
            assertThat(roster(alice).pendingRequests()).isEmpty();
        } finally {
            Clients.close(alice);
            Clients.close(bot);
        }
    }

    @Test
    void aMutualBotAndAClientSeeEachOthersPresence(LocalServer server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid aliceJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = connect(server, botJid, false, new InMemoryRosterStore(), SubscriptionPolicy.MUTUAL);
        ClientXMPP alice = connect(server, aliceJid, true, new InMemoryRosterStore(), SubscriptionPolicy.MANUAL);
        BlockingQueue<Object> requests = new LinkedBlockingQueue<>();
        alice.addEventHandler("roster_subscription_request", requests::add);
        try {
            roster(alice).subscribe(botJid);

            // The bot approves and asks back; Alice's application approves the bot.
            assertThat(requests.poll(15, TimeUnit.SECONDS)).as("the bot's request reaches Alice").isNotNull();
            assertThat(roster(alice).pendingRequests()).containsExactly(botJid);
            roster(alice).approve(botJid);

            await().atMost(WAIT).until(() -> subscription(alice, botJid) == Subscription.BOTH);
            await().atMost(WAIT).until(() -> subscription(bot, aliceJid) == Subscription.BOTH);
            await().atMost(WAIT).until(() -> alice.presences().isOnline(botJid));
            await().atMost(WAIT).until(() -> bot.presences().isOnline(aliceJid));
        } finally {
            Clients.close(alice);
            Clients.close(bot);
        }
    }

    @Test
    void aRosterSetAddsAnItemAndThePushReachesEveryInterestedResource(LocalServer server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid carol = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = connect(server, botJid.withResource("one"), true, new InMemoryRosterStore(),
                SubscriptionPolicy.ACCEPT_ALL);
        ClientXMPP other = connect(server, botJid.withResource("two"), false, new InMemoryRosterStore(),
                SubscriptionPolicy.ACCEPT_ALL);
        BlockingQueue<RosterChange> changes = new LinkedBlockingQueue<>();
        other.addEventHandler("roster_item_changed", data -> changes.add((RosterChange) data));
        other.addEventHandler("roster_item_removed", data -> changes.add((RosterChange) data));
        try {
            roster(bot).set(RosterItem.of(carol, "Carol", "Friends", "Work")).get(15, TimeUnit.SECONDS);

            RosterChange added = changes.poll(15, TimeUnit.SECONDS);
            assertThat(added).isNotNull();
            assertThat(added.isAdded()).isTrue();
            assertThat(added.current().name()).isEqualTo("Carol");
            assertThat(added.current().groups()).containsExactlyInAnyOrder("Friends", "Work");
            assertThat(added.current().subscription()).isEqualTo(Subscription.NONE);
            await().atMost(WAIT).until(() -> roster(bot).contains(carol));
            assertThat(roster(bot).group("Work")).extracting(RosterItem::jid).containsExactly(carol);

            roster(bot).remove(carol).get(15, TimeUnit.SECONDS);
            RosterChange removed = changes.poll(15, TimeUnit.SECONDS);
            assertThat(removed).isNotNull();
            assertThat(removed.isRemoved()).isTrue();
            await().atMost(WAIT).until(() -> !roster(bot).contains(carol));
        } finally {
            Clients.close(other);
            Clients.close(bot);
        }
    }

    @Test
    void versioningSparesTheSecondLoginTheRosterWhenTheServerOffersIt(LocalServer server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid carol = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        InMemoryRosterStore store = new InMemoryRosterStore();
        ClientXMPP first = connect(server, botJid, false, store, SubscriptionPolicy.ACCEPT_ALL);
        boolean offered = roster(first).isVersioningOffered();
        try {
            roster(first).set(RosterItem.of(carol, "Carol")).get(15, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> roster(first).contains(carol));
        } finally {
            Clients.close(first);
        }
        if (server.name().equals("prosody")) {
            assertThat(offered).as("Prosody's mod_roster offers roster versioning").isTrue();
        }
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.version() != null).as("a version is kept when versioning is offered").isEqualTo(offered);

        ClientXMPP second = new ClientXMPP(Clients.config(server, botJid, PASSWORD).fetchRoster(false).build());
        Roster roster = Roster.attach(second, store, SubscriptionPolicy.ACCEPT_ALL);
        BlockingQueue<Iq> results = new LinkedBlockingQueue<>();
        second.addEventHandler("roster_update", data -> results.add((Iq) data));
        try {
            assertThat(roster.contains(carol)).as("cached before connecting").isTrue();
            second.connect().get(15, TimeUnit.SECONDS);
            Iq result = results.poll(15, TimeUnit.SECONDS);
            assertThat(result).isNotNull();
            assertThat(result.getIqType()).isEqualTo(Iq.Type.RESULT);
            // RFC 6121 §2.6.3: with the current version the server may answer with an empty result (Prosody does).
            if (offered && server.name().equals("prosody")) {
                assertThat(RosterQuery.of(result)).as("an empty result: unchanged").isNull();
            } else if (!offered) {
                assertThat(RosterQuery.of(result)).as("without versioning, the whole roster").isNotNull();
            }
            await().atMost(WAIT).until(roster::isLoaded);
            assertThat(roster.get(carol).name()).isEqualTo("Carol");
        } finally {
            Clients.close(second);
        }
    }
}
