package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.client.TlsMode;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0199.Ping;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.Tls;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/** ClientXMPP against real servers over real TCP, with the default configuration unless a test says otherwise. */
@XmppServerTest
class ClientIntegrationTest {

    // Non-ASCII but within Unicode 3.2, which SASLprep (RFC 4013) takes as the repertoire: ejabberd refuses more.
    private static final String PASSWORD = "correct horse ♥ bätterý";

    @Test
    void scramSha1OverStartTls(LocalServer server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = Clients.connected(server, jid, PASSWORD);
        try {
            assertThat(client.isSecure()).isTrue();
            assertThat(client.saslMechanism()).isEqualTo("SCRAM-SHA-1");
            assertThat(client.boundJid().bare()).isEqualTo(jid);
            assertThat(client.boundJid().resource()).isNotEmpty();
        } finally {
            Clients.close(client);
        }
    }

    @Test
    void scramSha256OnAHostThatStoresSha256(LocalServer server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.SHA256_DOMAIN, PASSWORD);
        ClientXMPP client = Clients.connected(server, jid, PASSWORD);
        try {
            assertThat(client.saslMechanism()).isEqualTo("SCRAM-SHA-256");
        } finally {
            Clients.close(client);
        }
    }

    @Test
    void plainOverTlsWhenItIsTheOnlyMechanismAllowed(LocalServer server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD).mechanisms("PLAIN").build());
        try {
            client.connect().get(15, TimeUnit.SECONDS);
            assertThat(client.saslMechanism()).isEqualTo("PLAIN");
            assertThat(client.isSecure()).isTrue();
        } finally {
            Clients.close(client);
        }
    }

    @Test
    void anonymousLogin(LocalServer server) throws Exception {
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
    void aLostConnectionIsReestablishedAndHeldStanzasGoOut(LocalServer server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid peerJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP peer = Clients.connected(server, peerJid, PASSWORD);
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD)
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build());
        BlockingQueue<Object> sessions = new LinkedBlockingQueue<>();
        client.addEventHandler("session_start", sessions::add);
        BlockingQueue<Object> ends = new LinkedBlockingQueue<>();
        client.addEventHandler("session_end", ends::add);
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        peer.addEventHandler("message", data -> received.add((Message) data));
        java.util.concurrent.atomic.AtomicInteger reconnects = new java.util.concurrent.atomic.AtomicInteger();
        client.setObserver(new org.xmppboot.stream.StreamObserver() {
            @Override
            public void reconnected() {
                reconnects.incrementAndGet();
            }
        });
        try {
            client.connect().get(15, TimeUnit.SECONDS);
            assertThat(sessions.poll(5, TimeUnit.SECONDS)).isNotNull();

            client.abort("simulated network failure");
            assertThat(ends.poll(5, TimeUnit.SECONDS)).isEqualTo("simulated network failure");
            client.sendMessage(peerJid, "sent while reconnecting", Message.Type.CHAT);

            assertThat(sessions.poll(15, TimeUnit.SECONDS)).as("a second session_start").isNotNull();
            assertThat(client.isSessionEstablished()).isTrue();
            assertThat(reconnects).hasValue(1);
            Message message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(message.getBody()).isEqualTo("sent while reconnecting");
        } finally {
            Clients.close(client);
            Clients.close(peer);
        }
    }

    @Test
    void directTlsWithAConfiguredResource(LocalServer server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid.withResource("desk"), PASSWORD)
                .tls(TlsMode.DIRECT).host(server.host(), server.directTlsPort()).build());
        try {
            assertThat(client.connect().get(15, TimeUnit.SECONDS)).isEqualTo(jid.withResource("desk"));
            assertThat(client.isSecure()).isTrue();
        } finally {
            Clients.close(client);
        }
    }

    @Test
    void aWrongPasswordRaisesFailedAuthAndFailsTheConnect(LocalServer server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, "wrong").build());
        BlockingQueue<Object> failed = new LinkedBlockingQueue<>();
        client.addEventHandler("failed_auth", failed::add);

        assertThatThrownBy(() -> client.connect().get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslException.class)
                .hasMessageContaining("not-authorized");
        assertThat(failed.poll(5, TimeUnit.SECONDS)).isInstanceOf(SaslException.class);
        client.terminated().get(15, TimeUnit.SECONDS);
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void anUntrustedCertificateFailsWithTheReason(LocalServer server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD).sslContext(Tls.systemDefault())
                .build());

        assertThatThrownBy(() -> client.connect().get(15, TimeUnit.SECONDS)).cause()
                .isInstanceOf(XmppNegotiationException.class)
                .hasMessageContaining("Cannot secure the connection to localhost")
                .hasMessageContaining("certification path")
                .hasMessageContaining("not trusted");
        client.terminated().get(15, TimeUnit.SECONDS);
    }

    @Test
    void twoClientsExchangeMessages(LocalServer server) throws Exception {
        Jid aliceJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid bobJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP alice = Clients.connected(server, aliceJid, PASSWORD);
        ClientXMPP bob = Clients.connected(server, bobJid, PASSWORD);
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
    void anIqToTheServerCompletesAndOneToAMissingAccountFailsWithTheStanzaError(LocalServer server)
            throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = Clients.connected(server, jid, PASSWORD);
        try {
            Iq info = client.makeIqGet("http://jabber.org/protocol/disco#info", Jid.of(LocalServer.DOMAIN))
                    .send().get(10, TimeUnit.SECONDS);
            assertThat(info.getIqType()).isEqualTo(Iq.Type.RESULT);
            assertThat(info.getPayload().elements("feature", "http://jabber.org/protocol/disco#info"))
                    .anySatisfy(f -> assertThat(f.attribute("var")).isEqualTo("urn:xmpp:ping"));

            Iq toNobody = client.makeIqGet("jabber:iq:version", Jid.of("nobody@localhost/x"));
            assertThatThrownBy(() -> toNobody.send().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(StanzaErrorException.class, e -> assertThat(e.condition())
                            .isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE));
        } finally {
            Clients.close(client);
        }
    }

    @Test
    void theServersPingIsAnsweredByAHandlerAndUnhandledIqsGetServiceUnavailable(LocalServer server)
            throws Exception {
        Jid aJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid bJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP a = Clients.connected(server, aJid, PASSWORD);
        ClientXMPP b = Clients.connected(server, bJid, PASSWORD);
        try {
            b.registerHandler(StreamHandler.of("ping", Matcher.stanzaPath("iq@type=get/{urn:xmpp:ping}ping"),
                    s -> ((Iq) s).reply().sendResponse()));
            Iq ping = a.makeIq(Iq.Type.GET, b.boundJid());
            ping.xml().addElement("ping", "urn:xmpp:ping");
            assertThat(ping.send().get(10, TimeUnit.SECONDS).getIqType()).isEqualTo(Iq.Type.RESULT);

            Iq version = a.makeIqGet("jabber:iq:version", b.boundJid());
            assertThatThrownBy(() -> version.send().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(StanzaErrorException.class, e -> assertThat(e.condition())
                            .isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE));
        } finally {
            Clients.close(a);
            Clients.close(b);
        }
    }

    @Test
    void pingAndDiscoAgainstTheServer(LocalServer server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, "pw").build());
        client.registerPlugin(Ping.NAME);
        client.connect().get(15, TimeUnit.SECONDS);
        try {
            Duration rtt = client.plugin(Ping.class).ping(Jid.of(LocalServer.DOMAIN), Duration.ofSeconds(5))
                    .get(10, TimeUnit.SECONDS);
            assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(5));
            assertThat(client.plugin(ServiceDiscovery.class).supports(Jid.of(LocalServer.DOMAIN), Ping.NAMESPACE)
                    .get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(client.plugin(ServiceDiscovery.class).getItems(Jid.of(LocalServer.DOMAIN))
                    .get(10, TimeUnit.SECONDS)).extracting(i -> i.jid().toString())
                    .contains(LocalServer.MUC_DOMAIN);
        } finally {
            Clients.close(client);
        }
    }
}
