package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;

/** {@link LocalProsody#killHard()} and {@link LocalProsody#restart()}, on a server of its own. */
@ProsodyTest(isolated = true)
class LocalProsodyRestartTest {

    private static final String PASSWORD = "survives a crash";

    @Test
    void aKilledServerComesBackOnTheSamePortsWithTheSameAccounts(LocalProsody server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = Clients.connected(server, jid, PASSWORD);
        BlockingQueue<Object> disconnected = new LinkedBlockingQueue<>();
        client.addEventHandler("disconnected", disconnected::add);
        int c2s = server.c2sPort();

        server.killHard();

        assertThat(server.isRunning()).isFalse();
        assertThat(disconnected.poll(5, TimeUnit.SECONDS)).as("the client sees its connection end").isNotNull();
        assertThat(LocalServerSupport.accepts(c2s)).isFalse();

        server.restart();

        assertThat(server.isRunning()).isTrue();
        assertThat(server.c2sPort()).isEqualTo(c2s);
        ClientXMPP again = Clients.connected(server, jid, PASSWORD);
        try {
            assertThat(again.boundJid().bare()).isEqualTo(jid);
        } finally {
            Clients.close(again);
            client.terminated().get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void restartStopsARunningServerFirst(LocalProsody server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);

        server.restart();

        Clients.close(Clients.connected(server, jid, PASSWORD));
        assertThat(server.smacksHibernationTime()).hasSeconds(30);
    }
}
