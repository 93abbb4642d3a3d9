package org.xmppboot.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xmppboot.reconnect.ReconnectPolicy;

/** A port without a host goes to the JID's domain at that port, without asking DNS for SRV records. */
class ExplicitPortTest {

    @Test
    void aPortWithoutAHostConnectsToTheJidsDomainAtThatPort() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClientConfig config = ClientConfig.builder("bot@localhost", "secret").host(null, server.getLocalPort())
                    .reconnect(ReconnectPolicy.DISABLED).build();
            SrvResolver noDns = new SrvResolver() {
                @Override
                public List<HostAddress> resolve(String domain) {
                    throw new AssertionError("SRV lookup for " + domain + " although a port was given");
                }
            };
            ClientXMPP client = new ClientXMPP(config, noDns);
            try {
                client.connect();
                server.setSoTimeout(10_000);
                try (Socket accepted = server.accept()) {
                    assertThat(accepted.getInetAddress().isLoopbackAddress()).isTrue();
                }
            } finally {
                client.disconnect();
            }
        }
    }
}
