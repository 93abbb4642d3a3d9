package org.xmppboot.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Identity;
import org.xmppboot.stream.StreamConfig;

/** The identity disco announces comes from the connection, not from its Java class. */
class ServiceDiscoveryIdentityTest {

    private static Identity identityOf(BaseXMPP xmpp) {
        ServiceDiscovery disco = new ServiceDiscovery();
        xmpp.registerPlugin(disco);
        xmpp.plugins().initAll();
        return disco.identities().get(0);
    }

    @Test
    void theStreamSaysWhatTheEntityIs() {
        assertThat(identityOf(new BaseXMPP("jabber:client", StreamConfig.defaults())))
                .isEqualTo(new Identity("client", "bot", null));
        assertThat(identityOf(new BaseXMPP("jabber:component:accept", StreamConfig.defaults())))
                .as("any connection on a component stream, not only a ComponentXMPP")
                .isEqualTo(new Identity("component", "generic", null));
    }

    @Test
    void addedIdentitiesReplaceTheDefault() {
        ServiceDiscovery disco = new ServiceDiscovery();
        disco.addIdentity("automation", "command-list", null);
        BaseXMPP client = new BaseXMPP("jabber:client", StreamConfig.defaults());
        client.registerPlugin(disco);
        client.plugins().initAll();
        assertThat(disco.identities()).containsExactly(new Identity("automation", "command-list", null));
    }
}
