package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamConfig;

/**
 * How one ejabberd node spreads the messages for a component domain over several XEP-0114 connections for it:
 * three connections, three users sending 100 messages each. Prints the split it measures. The default case uses
 * the shared server; the balanced one needs its own config, hence its own server.
 */
@XmppServerTest(ServerKind.EJABBERD)
class ComponentRoutingTest {

    private static final int CONNECTIONS = 3;
    private static final int SENDERS = 3;
    private static final int MESSAGES_PER_SENDER = 100;
    private static final int TOTAL = SENDERS * MESSAGES_PER_SENDER;

    @Test
    void byDefaultEveryConnectionGetsAShare(LocalEjabberd server) throws Exception {
        assertThat(server.componentBalancing()).isNull();
        Split split = measure(server);
        split.print("ejabberd default routing (random)");
        // Random over three connections: P(one gets none of 300) = 3 * (2/3)^300, about 1e-52.
        for (int c = 0; c < CONNECTIONS; c++) {
            assertThat(split.messagesOn(c)).as("messages on connection %d", c + 1).isPositive();
        }
        assertThat(split.connectionsPerSender()).as("senders spread over several connections")
                .hasSize(SENDERS)
                .allSatisfy((sender, connections) -> assertThat(connections).isGreaterThan(1));
    }

    @Test
    void withBareSourceBalancingEverySendersMessagesLandOnOneConnection() throws Exception {
        try (LocalEjabberd server = LocalEjabberd.options().componentBalancing("bare_source", CONNECTIONS)
                .start()) {
            Split split = measure(server);
            split.print("ejabberd domain_balancing bare_source, component_number " + CONNECTIONS);
            assertThat(split.connectionsPerSender()).as("connections that each sender reached")
                    .hasSize(SENDERS)
                    .allSatisfy((sender, connections) -> assertThat(connections).isEqualTo(1));
        }
    }

    /**
     * Connects {@link #CONNECTIONS} components and {@link #SENDERS} users, sends, and waits for all
     * {@link #TOTAL} messages to arrive (none may be lost: every slot has a connection).
     */
    private static Split measure(LocalEjabberd server) throws Exception {
        Split split = new Split();
        List<ComponentXMPP> components = new ArrayList<>();
        List<ClientXMPP> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                ComponentXMPP component = new ComponentXMPP(server.componentConfig()
                        .withStream(StreamConfig.defaults().withName(LocalServer.COMPONENT_DOMAIN + "-" + c)));
                component.addEventHandler("message",
                        data -> split.record(connection, ((Message) data).getFrom().bare()));
                component.connect().get(15, TimeUnit.SECONDS);
                components.add(component);
            }
            for (int s = 0; s < SENDERS; s++) {
                Jid jid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
                clients.add(Clients.connected(server, jid, "pw"));
            }
            Jid counter = Jid.of("counter@" + LocalServer.COMPONENT_DOMAIN);
            for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                for (ClientXMPP client : clients) {
                    client.sendMessage(counter, "message " + i, Message.Type.CHAT);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> split.total() >= TOTAL);
            assertThat(split.total()).as("messages received").isEqualTo(TOTAL);
            return split;
        } finally {
            for (ClientXMPP client : clients) {
                Clients.close(client);
            }
            for (ComponentXMPP component : components) {
                component.disconnect().get(15, TimeUnit.SECONDS);
            }
        }
    }

    /** Messages received per connection and sender. */
    private static final class Split {
        private final Map<Integer, Map<Jid, AtomicInteger>> counts = new ConcurrentHashMap<>();

        void record(int connection, Jid sender) {
            counts.computeIfAbsent(connection, c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(sender, s -> new AtomicInteger()).incrementAndGet();
        }

        int messagesOn(int connection) {
            return counts.getOrDefault(connection, Map.of()).values().stream().mapToInt(AtomicInteger::get).sum();
        }

        int total() {
            int total = 0;
            for (int c = 0; c < CONNECTIONS; c++) {
                total += messagesOn(c);
            }
            return total;
        }

        /** For each sender, how many connections its messages reached. */
        Map<Jid, Integer> connectionsPerSender() {
            Map<Jid, Integer> reached = new TreeMap<>(Comparator.comparing(Jid::toString));
            counts.values().forEach(bySender -> bySender.keySet().forEach(s -> reached.merge(s, 1, Integer::sum)));
            return reached;
        }

        void print(String title) {
            System.out.printf("%s: %d messages from %d senders over %d connections%n", title, total(), SENDERS,
                    CONNECTIONS);
            for (int c = 0; c < CONNECTIONS; c++) {
                Map<String, Integer> bySender = new TreeMap<>();
                counts.getOrDefault(c, Map.of()).forEach((s, n) -> bySender.put(s.local(), n.get()));
                System.out.printf("  connection %d: %3d %s%n", c + 1, messagesOn(c), bySender);
            }
        }
    }
}
