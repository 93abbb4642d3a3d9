package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamConfig;

/**
 * Measures how a server spreads messages for {@link LocalServer#COMPONENT_DOMAIN} over several component
 * connections: connects the components, a user per sender, sends, and counts what each connection received
 * from whom.
 */
final class ComponentTraffic {

    private ComponentTraffic() {
    }

    /**
     * Connects one component per config (in order: connection 1, 2, ...), then one new user per entry of
     * {@code senders} on that server, and has each send {@code messagesPerSender} messages to one JID of the
     * component domain, interleaved. Returns when all have arrived (none may be lost), everything disconnected.
     */
    static Split measure(List<ComponentConfig> components, List<? extends LocalServer> senders,
            int messagesPerSender) throws Exception {
        List<Jid> accounts = new ArrayList<>();
        for (LocalServer server : senders) {
            accounts.add(Clients.newUser(server, LocalServer.DOMAIN, "pw"));
        }
        return measure(components, senders, accounts, messagesPerSender);
    }

    /**
     * {@link #measure(List, List, int)} with senders of the given names, all on {@code server}: where a test
     * needs the JIDs that ejabberd hashes to be the same in every run.
     */
    static Split measureNamed(List<ComponentConfig> components, LocalServer server, List<String> localparts,
            int messagesPerSender) throws Exception {
        List<Jid> accounts = new ArrayList<>();
        for (String localpart : localparts) {
            accounts.add(server.createUser(Jid.of(localpart, LocalServer.DOMAIN, null), "pw"));
        }
        return measure(components, Collections.nCopies(localparts.size(), server), accounts, messagesPerSender);
    }

    private static Split measure(List<ComponentConfig> components, List<? extends LocalServer> senders,
            List<Jid> accounts, int messagesPerSender) throws Exception {
        Split split = new Split(components.size(), senders.size());
        List<ComponentXMPP> connected = new ArrayList<>();
        List<ClientXMPP> clients = new ArrayList<>();
        try {
            for (int c = 0; c < components.size(); c++) {
                int connection = c;
                ComponentXMPP component = new ComponentXMPP(components.get(c)
                        .withStream(StreamConfig.defaults().withName(LocalServer.COMPONENT_DOMAIN + "-" + c)));
                component.addEventHandler("message",
                        data -> split.record(connection, ((Message) data).getFrom().bare()));
                component.connect().get(15, TimeUnit.SECONDS);
                connected.add(component);
            }
            for (int s = 0; s < senders.size(); s++) {
                clients.add(Clients.connected(senders.get(s), accounts.get(s), "pw"));
            }
            Jid counter = Jid.of("counter@" + LocalServer.COMPONENT_DOMAIN);
            for (int i = 0; i < messagesPerSender; i++) {
                for (ClientXMPP client : clients) {
                    client.sendMessage(counter, "message " + i, Message.Type.CHAT);
                }
            }
            int total = messagesPerSender * senders.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> split.total() >= total);
            assertThat(split.total()).as("messages received").isEqualTo(total);
            return split;
        } finally {
            for (ClientXMPP client : clients) {
                Clients.close(client);
            }
            for (ComponentXMPP component : connected) {
                component.disconnect().get(15, TimeUnit.SECONDS);
            }
        }
    }

    /** Messages received per connection (from 0) and sender. */
    static final class Split {
        private final int connections;
        private final int senders;
        private final Map<Integer, Map<Jid, AtomicInteger>> counts = new ConcurrentHashMap<>();

        private Split(int connections, int senders) {
            this.connections = connections;
            this.senders = senders;
        }

        void record(int connection, Jid sender) {
            counts.computeIfAbsent(connection, c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(sender, s -> new AtomicInteger()).incrementAndGet();
        }

        int messagesOn(int connection) {
            return counts.getOrDefault(connection, Map.of()).values().stream().mapToInt(AtomicInteger::get).sum();
        }

        int total() {
            int total = 0;
            for (int c = 0; c < connections; c++) {
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

        /** The senders whose messages reached {@code connection}. */
        List<Jid> sendersOn(int connection) {
            return counts.getOrDefault(connection, Map.of()).keySet().stream()
                    .sorted(Comparator.comparing(Jid::toString)).toList();
        }

        void print(String title) {
            System.out.printf("%s: %d messages from %d senders over %d connections%n", title, total(), senders,
                    connections);
            for (int c = 0; c < connections; c++) {
                Map<String, Integer> bySender = new TreeMap<>();
                counts.getOrDefault(c, Map.of()).forEach((s, n) -> bySender.put(s.local(), n.get()));
                System.out.printf("  connection %d: %4d %s%n", c + 1, messagesOn(c), bySender);
            }
        }
    }
}
