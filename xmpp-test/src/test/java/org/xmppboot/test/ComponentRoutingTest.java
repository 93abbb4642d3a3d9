package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xmppboot.component.ComponentConfig;

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

    @Test
    void byDefaultEveryConnectionGetsAShare(LocalEjabberd server) throws Exception {
        assertThat(server.componentBalancing()).isNull();
        ComponentTraffic.Split split = measure(server);
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
            ComponentTraffic.Split split = measure(server);
            split.print("ejabberd domain_balancing bare_source, component_number " + CONNECTIONS);
            assertThat(split.connectionsPerSender()).as("connections that each sender reached")
                    .hasSize(SENDERS)
                    .allSatisfy((sender, connections) -> assertThat(connections).isEqualTo(1));
        }
    }

    /** As many connections as the balanced server has slots: a slot without one would lose its share. */
    private static ComponentTraffic.Split measure(LocalEjabberd server) throws Exception {
        List<ComponentConfig> components = Collections.nCopies(CONNECTIONS, server.componentConfig());
        return ComponentTraffic.measure(components, Collections.nCopies(SENDERS, server), MESSAGES_PER_SENDER);
    }
}
