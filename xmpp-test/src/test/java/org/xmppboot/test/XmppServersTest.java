package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.client.TlsMode;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;

/**
 * The promises of {@link LocalServer}, checked over real TCP, TLS and SASL on both servers. Password logins name
 * their SCRAM mechanism: ejabberd 23.01 also offers -PLUS variants it can only complete with tls-unique.
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
    void scramSha1OverStartTls() throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = connected(jid, "SCRAM-SHA-1");
        try {
            assertThat(client.isSecure()).isTrue();
            assertThat(client.saslMechanism()).isEqualTo("SCRAM-SHA-1");
            assertThat(client.boundJid().bare()).isEqualTo(jid);
        } finally {
            Clients.close(client);
        }
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
    void aWrongPasswordIsRefused() throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, "wrong").mechanisms("SCRAM-SHA-1").build());

        assertThatThrownBy(() -> client.connect().get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslException.class)
                .hasMessageContaining("not-authorized");
        client.terminated().get(15, TimeUnit.SECONDS);
    }

    @Test
    void anonymousLogin() throws Exception {
        ClientXMPP client = new ClientXMPP(Clients.config(server, Jid.of(LocalServer.ANONYMOUS_DOMAIN), null)
                .build());
        try {
            Jid bound = client.connect().get(15, TimeUnit.SECONDS);
            assertThat(client.saslMechanism()).isEqualTo("ANONYMOUS");
            assertThat(bound.domain()).isEqualTo(LocalServer.ANONYMOUS_DOMAIN);
            assertThat(bound.local()).as("the server assigns a temporary account").isNotEmpty();
        } finally {
            Clients.close(client);
        }
    }

    @Test
    void directTlsWithAConfiguredResource() throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid.withResource("desk"), PASSWORD)
                .mechanisms("SCRAM-SHA-1").tls(TlsMode.DIRECT).host(server.host(), server.directTlsPort()).build());
        try {
            assertThat(client.connect().get(15, TimeUnit.SECONDS)).isEqualTo(jid.withResource("desk"));
            assertThat(client.isSecure()).isTrue();
        } finally {
            Clients.close(client);
        }
    }

    @Test
    void twoClientsExchangeMessages() throws Exception {
        ClientXMPP alice = connected(Clients.newUser(server, LocalServer.DOMAIN, PASSWORD), "SCRAM-SHA-1");
        ClientXMPP bob = connected(Clients.newUser(server, LocalServer.DOMAIN, PASSWORD), "SCRAM-SHA-1");
        try {
            bob.addEventHandler("message", data -> {
                Message m = (Message) data;
                m.reply("echo: " + m.getBody()).send();
            });
            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            alice.addEventHandler("message", data -> received.add((Message) data));

            alice.send(alice.makeMessage(bob.boundJid(), "hello ⚡ <&> ]]>", Message.Type.CHAT).setThread("t-1"));

            Message reply = received.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.getBody()).isEqualTo("echo: hello ⚡ <&> ]]>");
            assertThat(reply.getThread()).isEqualTo("t-1");
            assertThat(reply.getFrom()).isEqualTo(bob.boundJid());
        } finally {
            Clients.close(alice);
            Clients.close(bob);
        }
    }

    @Test
    void clientsConnectingAtOnceAndABurstOfMessagesAreNotThrottled() throws Exception {
        List<ClientXMPP> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                Jid jid = Clients.newUser(server, LocalServer.PERF_DOMAIN, PASSWORD);
                clients.add(new ClientXMPP(Clients.config(server, jid, PASSWORD).mechanisms("SCRAM-SHA-1").build()));
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
        ClientXMPP client = connected(Clients.newUser(server, LocalServer.PERF_DOMAIN, PASSWORD), "SCRAM-SHA-1");
        try {
            assertThat(identityCategories(client, LocalServer.MUC_DOMAIN)).contains("conference");
            assertThat(identityCategories(client, LocalServer.PUBSUB_DOMAIN)).contains("pubsub");
            assertThat(identityCategories(client, LocalServer.PERF_DOMAIN)).contains("server");
        } finally {
            Clients.close(client);
        }
    }

    @Test
    void aComponentHandshakesAndTalksToAClient() throws Exception {
        ComponentXMPP component = new ComponentXMPP(server.componentConfig());
        component.addEventHandler("message", data -> {
            Message m = (Message) data;
            m.reply("component got: " + m.getBody()).send();
        });
        assertThat(component.connect().get(15, TimeUnit.SECONDS)).isEqualTo(Jid.of(LocalServer.COMPONENT_DOMAIN));
        ClientXMPP client = connected(Clients.newUser(server, LocalServer.DOMAIN, PASSWORD), "SCRAM-SHA-1");
        try {
            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            client.addEventHandler("message", data -> received.add((Message) data));
            Jid echo = Jid.of("echo@" + LocalServer.COMPONENT_DOMAIN);
            client.sendMessage(echo, "ping", Message.Type.CHAT);

            Message reply = received.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.getBody()).isEqualTo("component got: ping");
            assertThat(reply.getFrom()).isEqualTo(echo);
        } finally {
            Clients.close(client);
            component.disconnect().get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void aComponentWithTheWrongSecretIsRefused() throws Exception {
        ComponentConfig right = server.componentConfig();
        ComponentXMPP component = new ComponentXMPP(new ComponentConfig(right.domain(), "not-the-secret",
                right.host(), right.port(), right.connectTimeout(), right.stream()));

        assertThatThrownBy(() -> component.connect().get(15, TimeUnit.SECONDS)).cause()
                .isInstanceOf(XmppNegotiationException.class)
                .hasMessageContaining("refused the component bot.localhost")
                .hasMessageContaining("not-authorized");
        component.terminated().get(15, TimeUnit.SECONDS);
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
