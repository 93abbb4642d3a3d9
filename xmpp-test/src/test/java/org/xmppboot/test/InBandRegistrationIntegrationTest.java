package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0077.InBandRegistration;
import org.xmppboot.plugins.xep0077.RegistrationException;
import org.xmppboot.sasl.SaslException;
import org.xmppboot.stanza.StanzaError;

/** XEP-0077 against Prosody: an account created, used, given a new password and deleted, all over XMPP. */
@ProsodyTest
class InBandRegistrationIntegrationTest {

    private static Jid newJid(String domain) {
        return Jid.of("ibr" + System.nanoTime() + "-" + ProcessHandle.current().pid(), domain, null);
    }

    private static ClientXMPP connect(LocalProsody server, Jid jid, String password) throws Exception {
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, password).build());
        client.registerPlugin(new InBandRegistration());
        client.connect().get(15, TimeUnit.SECONDS);
        return client;
    }

    private static void assertLoginFails(LocalProsody server, Jid jid, String password) {
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, password).build());
        try {
            assertThatThrownBy(() -> client.connect().get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslException.class);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void anAccountIsCreatedUsedGivenANewPasswordAndDeleted(LocalProsody server) throws Exception {
        Jid jid = newJid(ProsodyConfig.REGISTRATION_DOMAIN);
        Jid bound = InBandRegistration.createAccount(Clients.config(server, jid, "first-pw").build())
                .get(20, TimeUnit.SECONDS);
        assertThat(bound.bare()).isEqualTo(jid);

        // The name is taken now.
        assertThatThrownBy(() -> InBandRegistration.createAccount(Clients.config(server, jid, "other").build())
                .get(20, TimeUnit.SECONDS)).cause().isInstanceOf(RegistrationException.class)
                .hasMessageContaining("the username is taken")
                .extracting(e -> ((RegistrationException) e).condition()).isEqualTo(StanzaError.Condition.CONFLICT);

        ClientXMPP client = connect(server, jid, "first-pw");
        assertThat(client.plugin(InBandRegistration.class).getRegistration().get(15, TimeUnit.SECONDS).registered())
                .isTrue();
        client.plugin(InBandRegistration.class).changePassword("second-pw").get(15, TimeUnit.SECONDS);
        Clients.close(client);
        assertLoginFails(server, jid, "first-pw");

        client = connect(server, jid, "second-pw");
        client.plugin(InBandRegistration.class).cancelRegistration().get(15, TimeUnit.SECONDS);
        client.disconnect().get(15, TimeUnit.SECONDS);
        assertLoginFails(server, jid, "second-pw");
    }

    @Test
    void aHostClosedToRegistrationRefusesIt(LocalProsody server) {
        Jid jid = newJid(LocalServer.DOMAIN);
        assertThatThrownBy(() -> InBandRegistration.createAccount(Clients.config(server, jid, "pw").build())
                .get(20, TimeUnit.SECONDS)).cause().isInstanceOf(RegistrationException.class);
    }
}
