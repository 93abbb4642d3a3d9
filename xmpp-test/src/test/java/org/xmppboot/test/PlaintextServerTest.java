package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.client.TlsMode;
import org.xmppboot.client.XmppNegotiationException;
import org.xmppboot.jid.Jid;

/** A server with no STARTTLS at all. */
@ProsodyTest(withoutTls = true)
class PlaintextServerTest {

    @Test
    void isRefusedByDefaultAndUsedOnlyWhenPlaintextIsAllowed(LocalProsody server) throws Exception {
        Jid jid = Clients.newUser(server, LocalProsody.DOMAIN, "pw");

        ClientXMPP strict = new ClientXMPP(Clients.config(server, jid, "pw").tls(TlsMode.REQUIRED).build());
        assertThatThrownBy(() -> strict.connect().get(15, TimeUnit.SECONDS)).cause()
                .isInstanceOf(XmppNegotiationException.class).hasMessageContaining("does not offer STARTTLS");
        strict.terminated().get(15, TimeUnit.SECONDS);

        ClientXMPP lenient = new ClientXMPP(Clients.config(server, jid, "pw").tls(TlsMode.OPTIONAL).build());
        try {
            lenient.connect().get(15, TimeUnit.SECONDS);
            assertThat(lenient.isSecure()).isFalse();
            assertThat(lenient.saslMechanism()).as("never PLAIN without TLS").startsWith("SCRAM-");
        } finally {
            Clients.close(lenient);
        }
    }
}
