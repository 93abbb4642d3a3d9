package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;

/**
 * The promises of {@link LocalServer} itself, checked over real TCP, TLS and SASL on both servers: virtual hosts,
 * services, no throttling. What the client does on them is in {@link ClientIntegrationTest}.
 */
@XmppServerTest
class XmppServersTest {

    /** Non-ASCII, but nothing Unicode 3.2 lacks: ejabberd's stringprep check refuses those (⚡, emoji). */
    private static final String PASSWORD = "correct horse é battery";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final Pattern OFFERED = Pattern.compile("the server offers \\[([^]]*)]");

    private final LocalServer server;

    XmppServersTest(LocalServer server) {
        this.server = server;
    }

    @BeforeEach
    void theServerIsUp(LocalServer parameter) {
        assertThat(parameter).isSameAs(server);
        assertThat(server.isRunning()).isTrue();
        assertThat(server.startupTime()).isPositive();
    }

    @Test
    void theServerNamesItsKindAndTheParametersAreTheSameInstance(LocalServer parameter) {
        assertThat(parameter).isSameAs(server);
        assertThat(server.name()).isEqualTo(server instanceof LocalEjabberd ? "ejabberd" : "prosody");
        assertThat(server.toString()).doesNotContain(server.componentSecret());
    }

    @Test
    void theSha256HostOffersScramSha256AndTheDefaultHostDoesNot() throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.SHA256_DOMAIN, PASSWORD);
        ClientXMPP client = connected(jid, "SCRAM-SHA-256");
        try {
            assertThat(client.saslMechanism()).isEqualTo("SCRAM-SHA-256");
        } finally {
            Clients.close(client);
        }

        // Accounts on localhost are stored as SHA-1 hashes: a SHA-256 exchange cannot be verified there.
        Jid sha1 = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP refused = new ClientXMPP(Clients.config(server, sha1, PASSWORD).mechanisms("SCRAM-SHA-256")
                .build());
        assertThatThrownBy(() -> refused.connect().get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslException.class)
                .satisfies(e -> assertThat(offered(e.getMessage())).contains("SCRAM-SHA-1")
                        .doesNotContain("SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"));
        refused.terminated().get(15, TimeUnit.SECONDS);
    }

    @Test
    void clientsConnectingAtOnceAndABurstOfMessagesAreNotThrottled() throws Exception {
        List<ClientXMPP> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                Jid jid = Clients.newUser(server, LocalServer.PERF_DOMAIN, PASSWORD);
                clients.add(new ClientXMPP(Clients.config(server, jid, PASSWORD).build()));
            }
            CompletableFuture.allOf(clients.stream().map(ClientXMPP::connect).toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);

            // Without shapers this takes a second or two; ejabberd's sample "normal" shaper (3000 bytes/s after
            // a 20000-byte burst) would need about a minute.
            int burst = 2000;
            CountDownLatch received = new CountDownLatch(burst);
            clients.get(1).addEventHandler("message", data -> received.countDown());
            for (int i = 0; i < burst; i++) {
                clients.get(0).sendMessage(clients.get(1).boundJid(), "burst " + i, Message.Type.CHAT);
            }
            assertThat(received.await(20, TimeUnit.SECONDS)).as("%d of %d messages arrived", burst
                    - received.getCount(), burst).isTrue();
        } finally {
            for (ClientXMPP client : clients) {
                Clients.close(client);
            }
        }
    }

    @Test
    void theMucAndPubsubServicesAndThePerfHostAnswerDisco() throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.PERF_DOMAIN, PASSWORD);
        ClientXMPP client = Clients.connected(server, jid, PASSWORD);
        try {
            assertThat(identityCategories(client, LocalServer.MUC_DOMAIN)).contains("conference");
            assertThat(identityCategories(client, LocalServer.PUBSUB_DOMAIN)).contains("pubsub");
            assertThat(identityCategories(client, LocalServer.PERF_DOMAIN)).contains("server");
        } finally {
            Clients.close(client);
        }
    }

    private ClientXMPP connected(Jid jid, String mechanism) throws Exception {
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD).mechanisms(mechanism).build());
        client.connect().get(15, TimeUnit.SECONDS);
        return client;
    }

    /** The mechanisms in "No usable SASL mechanism: the server offers [A, B], this client allows [C]". */
    private static List<String> offered(String message) {
        Matcher m = OFFERED.matcher(message);
        assertThat(m.find()).as("offered mechanisms in: %s", message).isTrue();
        return List.of(m.group(1).split(", "));
    }

    private static List<String> identityCategories(ClientXMPP client, String service) throws Exception {
        Iq info = client.makeIqGet(DISCO_INFO, Jid.of(service)).send().get(10, TimeUnit.SECONDS);
        return info.getPayload().elements("identity", DISCO_INFO).stream().map(i -> i.attribute("category"))
                .toList();
    }
}
