package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/** A ClientXMPP reaching Prosody through a {@link FaultProxy}: TLS end to end, and reconnection after a cut. */
@ProsodyTest
class FaultProxyIntegrationTest {

    private static final String PASSWORD = "through the proxy";
    private static final ReconnectPolicy QUICKLY = ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofMillis(400));

    @Test
    void aCutEndsTheSessionAndTheClientReconnectsThroughTheProxy(LocalProsody server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        try (FaultProxy proxy = FaultProxy.start(server.host(), server.c2sPort())) {
            ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD)
                    .host(proxy.host(), proxy.port()).reconnect(QUICKLY).build());
            BlockingQueue<String> events = recordEvents(client);
            try {
                client.connect().get(15, TimeUnit.SECONDS);
                assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("session_start");
                assertThat(client.isSecure()).as("STARTTLS with the server's certificate, through the proxy").isTrue();

                assertThat(proxy.cut()).isEqualTo(1);

                assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("disconnected");
                assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("reconnecting");
                assertThat(events.poll(15, TimeUnit.SECONDS)).isEqualTo("session_start");
                assertThat(proxy.connectionsAccepted()).isEqualTo(2);
                // The server answers over the new connection (XEP-0199 ping).
                Iq ping = client.makeIq(Iq.Type.GET, Jid.of(LocalServer.DOMAIN))
                        .setPayload(new XmlElement("ping", "urn:xmpp:ping"));
                assertThat(client.sendIq(ping, Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS).getIqType())
                        .isEqualTo(Iq.Type.RESULT);
            } finally {
                Clients.close(client);
            }
        }
    }

    @Test
    void whileTheProxyIsDownReconnectionFailsAndThenSucceedsWhenItIsUp(LocalProsody server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        try (FaultProxy proxy = FaultProxy.start(server.host(), server.c2sPort())) {
            ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD)
                    .host(proxy.host(), proxy.port()).reconnect(QUICKLY).build());
            BlockingQueue<String> events = recordEvents(client);
            try {
                client.connect().get(15, TimeUnit.SECONDS);
                assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("session_start");

                proxy.down();
                proxy.cut();
                assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("disconnected");
                assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("reconnecting");
                // The first attempt finds the port closed, and the client tries again later.
                assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("reconnecting");
                assertThat(proxy.connectionsAccepted()).isEqualTo(1);

                proxy.up();
                assertThat(proxy.awaitConnections(1, Duration.ofSeconds(10))).isTrue();
                assertThat(pollUntil(events, "session_start")).isTrue();
                assertThat(client.isSessionEstablished()).isTrue();
            } finally {
                Clients.close(client);
            }
        }
    }

    private static BlockingQueue<String> recordEvents(ClientXMPP client) {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        for (String name : List.of("session_start", "disconnected", "reconnecting")) {
            client.addEventHandler(name, data -> events.add(name));
        }
        // With stream management the session is resumed rather than started anew: for these tests, the same.
        client.addEventHandler("session_resumed", data -> events.add("session_start"));
        return events;
    }

    private static boolean pollUntil(BlockingQueue<String> events, String name) throws InterruptedException {
        String event;
        while ((event = events.poll(15, TimeUnit.SECONDS)) != null) {
            if (event.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
