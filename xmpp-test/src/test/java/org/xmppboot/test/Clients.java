package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stream.StreamConfig;

/** Accounts and connected clients for the integration tests; every test gets fresh accounts. */
final class Clients {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Clients() {
    }

    static Jid newUser(LocalServer server, String domain, String password) {
        return server.createUser(Jid.of("user" + COUNTER.incrementAndGet() + "-" + ProcessHandle.current().pid(),
                domain, null), password);
    }

    static ClientXMPP connected(LocalServer server, Jid jid, String password) throws Exception {
        ClientXMPP client = new ClientXMPP(config(server, jid, password).build());
        client.connect().get(15, TimeUnit.SECONDS);
        return client;
    }

    static ClientConfig.Builder config(LocalServer server, Jid jid, String password) {
        return server.clientConfig(jid, password)
                .stream(StreamConfig.defaults().withName(jid.local() + "-" + COUNTER.incrementAndGet()));
    }

    /** Disconnects and checks that no thread of the stream is left. */
    static void close(ClientXMPP client) throws Exception {
        client.disconnect().get(15, TimeUnit.SECONDS);
        String prefix = client.config().name() + "-";
        Set<Thread> left = Thread.getAllStackTraces().keySet();
        assertThat(left).filteredOn(t -> t.getName().startsWith(prefix) && t.isAlive())
                .as("threads of %s after disconnect", client.config().name()).isEmpty();
    }
}
