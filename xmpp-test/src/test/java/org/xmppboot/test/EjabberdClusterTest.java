package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;

/**
 * {@link LocalEjabberdCluster}: two ejabberd nodes that are one server to clients and components. Slow (two
 * Erlang VMs and a join): runs with {@code -Pcluster} only.
 */
@Tag("cluster")
class EjabberdClusterTest {

    private static LocalEjabberdCluster cluster;

    @BeforeAll
    static void startCluster() {
        long begin = System.nanoTime();
        cluster = LocalEjabberdCluster.start();
        System.out.printf("ejabberd cluster %s formed in %d ms%n", cluster.nodeNames(),
                (System.nanoTime() - begin) / 1_000_000);
    }

    @AfterAll
    static void closeLeavesNoProcessOrFolder() {
        if (cluster == null) {
            return; // the start failed, and said why; it closed what it had started
        }
        Path directory = cluster.node(0).certificate().getParent().getParent();
        List<String> names = cluster.nodeNames();
        long begin = System.nanoTime();
        cluster.close();
        System.out.printf("ejabberd cluster stopped in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        for (String name : names) {
            assertThat(LocalEjabberdTest.processesOf(name)).as("processes left by " + name).isEmpty();
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void everyNodeListsBothNodes() {
        List<String> names = cluster.nodeNames();
        assertThat(names).hasSize(2).doesNotHaveDuplicates();
        for (int i = 0; i < cluster.size(); i++) {
            assertThat(cluster.node(i).clusterNodes()).as("list_cluster on node %d", i)
                    .containsExactlyInAnyOrderElementsOf(names);
        }
        assertThat(cluster.node(0).c2sPort()).isNotEqualTo(cluster.node(1).c2sPort());
        assertThat(cluster.node(0).componentSecret()).isEqualTo(cluster.node(1).componentSecret());
    }

    @Test
    void aClientOnNode1AndAComponentOnNode2ExchangeMessagesBothWays() throws Exception {
        ComponentXMPP component = new ComponentXMPP(cluster.node(1).componentConfig());
        component.addEventHandler("message", data -> {
            Message m = (Message) data;
            m.reply("node 2 got: " + m.getBody()).send();
        });
        component.connect().get(15, TimeUnit.SECONDS);
        Jid jid = Clients.newUser(cluster.node(0), LocalServer.DOMAIN, "pw");
        ClientXMPP client = Clients.connected(cluster.node(0), jid, "pw");
        try {
            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            client.addEventHandler("message", data -> received.add((Message) data));
            Jid echo = Jid.of("echo@" + LocalServer.COMPONENT_DOMAIN);

            client.sendMessage(echo, "across", Message.Type.CHAT);
            Message reply = received.poll(10, TimeUnit.SECONDS);
            assertThat(reply).as("the component's answer through the other node").isNotNull();
            assertThat(reply.getBody()).isEqualTo("node 2 got: across");
            assertThat(reply.getFrom()).isEqualTo(echo);

            component.sendMessage(client.boundJid(), "unprompted from node 2", Message.Type.CHAT);
            Message unprompted = received.poll(10, TimeUnit.SECONDS);
            assertThat(unprompted).as("a message the component starts").isNotNull();
            assertThat(unprompted.getBody()).isEqualTo("unprompted from node 2");
        } finally {
            Clients.close(client);
            component.disconnect().get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void withAComponentOnEachNodeEverySenderReachesTheComponentOnItsOwnNode() throws Exception {
        // ejabberd's default (no domain_balancing) picks among the routes on the node that routes the message,
        // the sender's, when there are any (ejabberd_router:balancing_route/4).
        List<ComponentConfig> components = List.of(cluster.node(0).componentConfig(),
                cluster.node(1).componentConfig());
        List<LocalEjabberd> senders = List.of(cluster.node(0), cluster.node(0), cluster.node(1), cluster.node(1));
        ComponentTraffic.Split split = ComponentTraffic.measure(components, senders, 100);
        split.print("ejabberd cluster default routing, senders 1-2 on node 1 and 3-4 on node 2, component "
                + "connection 1 on node 1 and 2 on node 2");
        assertThat(split.connectionsPerSender()).hasSize(4)
                .allSatisfy((sender, connections) -> assertThat(connections).isEqualTo(1));
        assertThat(split.messagesOn(0)).as("on node 1's component").isEqualTo(200);
        assertThat(split.messagesOn(1)).as("on node 2's component").isEqualTo(200);
        assertThat(split.sendersOn(0)).doesNotContainAnyElementsOf(split.sendersOn(1));
    }

    @Test
    void withBareSourceBalancingSendersOnOneNodeAreSpreadOverTheComponentsOnBothNodes() throws Exception {
        // By default all of them would reach the component on their own node (the test above). The names are
        // fixed so that the hash is too: erlang:phash2({Local, <<"localhost">>, <<>>}, 2) puts sender-1, -2
        // and -5 in one slot and the five others in the other.
        List<String> names = List.of("sender-1", "sender-2", "sender-3", "sender-4", "sender-5", "sender-6",
                "sender-7", "sender-8");
        try (LocalEjabberdCluster balanced = LocalEjabberdCluster.options().componentBalancing("bare_source", 2)
                .start()) {
            assertThat(balanced.node(1).componentBalancing()).isEqualTo(new ComponentBalancing("bare_source", 2));
            List<ComponentConfig> components = List.of(balanced.node(0).componentConfig(),
                    balanced.node(1).componentConfig());
            ComponentTraffic.Split split = ComponentTraffic.measureNamed(components, balanced.node(0), names, 25);
            split.print("ejabberd cluster with domain_balancing bare_source, component_number 2, all senders on "
                    + "node 1, component connection 1 on node 1 and 2 on node 2");
            assertThat(split.connectionsPerSender()).hasSize(names.size())
                    .allSatisfy((sender, connections) -> assertThat(connections).isEqualTo(1));
            assertThat(split.sendersOn(0)).as("senders on node 1's component").isNotEmpty();
            assertThat(split.sendersOn(1)).as("senders on node 2's component").isNotEmpty();
            assertThat(List.of(split.sendersOn(0).size(), split.sendersOn(1).size()))
                    .containsExactlyInAnyOrder(3, 5);
        }
    }

    @Test
    void aUserCreatedThroughNode1LogsInOnNode2() throws Exception {
        Jid jid = cluster.createUser("shared-" + ProcessHandle.current().pid(), "one database");
        ClientXMPP client = Clients.connected(cluster.node(1), jid, "one database");
        try {
            assertThat(client.boundJid().bare()).isEqualTo(jid);
        } finally {
            Clients.close(client);
        }
    }

    @Test
    void aStoppedNodeRestartsAndRejoinsWithWhatChangedMeanwhile() throws Exception {
        cluster.stopNode(1);
        assertThat(cluster.node(1).isRunning()).isFalse();
        assertThat(cluster.node(0).clusterNodes()).as("node 1 alone").containsExactly(cluster.node(0).node());
        Jid jid = cluster.createUser("meanwhile-" + ProcessHandle.current().pid(), "while you were out");

        long begin = System.nanoTime();
        cluster.startNode(1);
        System.out.printf("node 2 restarted and rejoined in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        assertThat(cluster.node(1).clusterNodes()).containsExactlyInAnyOrderElementsOf(cluster.nodeNames());
        ClientXMPP client = Clients.connected(cluster.node(1), jid, "while you were out");
        Clients.close(client);
    }

}
