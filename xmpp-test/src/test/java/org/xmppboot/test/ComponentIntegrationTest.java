package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stanza.Message;

/** ComponentXMPP (XEP-0114) against real servers. */
@XmppServerTest
class ComponentIntegrationTest {

    @Test
    void aComponentLogsInAndTalksToAClientFromAnyJidUnderItsDomain(LocalServer server) throws Exception {
        ComponentXMPP component = new ComponentXMPP(server.componentConfig());
        component.addEventHandler("message", data -> {
            Message m = (Message) data;
            // Answer from the address the client wrote to: the component owns every JID under its domain.
            m.reply("component got: " + m.getBody()).send();
        });
        assertThat(component.connect().get(15, TimeUnit.SECONDS)).isEqualTo(Jid.of(LocalServer.COMPONENT_DOMAIN));

        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        ClientXMPP client = Clients.connected(server, jid, "pw");
        try {
            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            client.addEventHandler("message", data -> received.add((Message) data));
            Jid echo = Jid.of("echo@" + LocalServer.COMPONENT_DOMAIN);
            client.sendMessage(echo, "ping", Message.Type.CHAT);

            Message reply = received.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.getBody()).isEqualTo("component got: ping");
            assertThat(reply.getFrom()).isEqualTo(echo);

            component.sendMessage(client.boundJid(), "unprompted", Message.Type.CHAT);
            Message unprompted = received.poll(10, TimeUnit.SECONDS);
            assertThat(unprompted.getBody()).isEqualTo("unprompted");
            assertThat(unprompted.getFrom()).isEqualTo(Jid.of(LocalServer.COMPONENT_DOMAIN));
        } finally {
            Clients.close(client);
            component.disconnect().get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void aComponentWhoseConnectionIsLostReconnectsAndIsReachableAgain(LocalServer server) throws Exception {
        ComponentXMPP component = new ComponentXMPP(server.componentConfig()
                .withReconnect(ReconnectPolicy.backoff(Duration.ofMillis(50), Duration.ofMillis(200))));
        BlockingQueue<Object> sessions = new LinkedBlockingQueue<>();
        component.addEventHandler("session_start", sessions::add);
        component.addEventHandler("message", data -> ((Message) data).reply("back: " + ((Message) data).getBody())
                .send());
        component.connect().get(15, TimeUnit.SECONDS);
        assertThat(sessions.poll(10, TimeUnit.SECONDS)).isNotNull();
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        ClientXMPP client = Clients.connected(server, jid, "pw");
        try {
            component.abort("network failure, for the test");
            assertThat(sessions.poll(10, TimeUnit.SECONDS)).as("a second session").isNotNull();

            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            client.addEventHandler("message", data -> received.add((Message) data));
            client.sendMessage(Jid.of("echo@" + LocalServer.COMPONENT_DOMAIN), "again", Message.Type.CHAT);
            Message reply = received.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.getBody()).isEqualTo("back: again");
        } finally {
            Clients.close(client);
            component.disconnect().get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWrongSecretFailsWithAClearError(LocalServer server) throws Exception {
        ComponentConfig right = server.componentConfig();
        ComponentXMPP component = new ComponentXMPP(new ComponentConfig(right.domain(), "not-the-secret",
                right.host(), right.port(), right.connectTimeout(), right.negotiationTimeout(), right.reconnect(),
                right.stream()));

        assertThatThrownBy(() -> component.connect().get(15, TimeUnit.SECONDS)).cause()
                .isInstanceOf(XmppNegotiationException.class)
                .hasMessageContaining("refused the component bot.localhost")
                .hasMessageContaining("not-authorized");
        component.terminated().get(15, TimeUnit.SECONDS);
    }
}
