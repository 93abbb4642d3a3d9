package org.xmppboot.spring.health;

import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.client.HostAddress;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;

/**
 * {@code xmpp}: UP while a session is established, DOWN while disconnected or reconnecting. Details: the bare
 * JID, the server, whether TLS is on, the SASL mechanism, stream management, and since when. Never a secret.
 */
public class XmppHealthIndicator extends AbstractHealthIndicator {

    private final BaseXMPP xmpp;

    public XmppHealthIndicator(BaseXMPP xmpp) {
        super("XMPP health check failed");
        this.xmpp = xmpp;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Jid bound = xmpp.boundJid();
        builder.withDetail("tls", xmpp.isSecure());
        builder.withDetail("streamManagement", false);
        if (xmpp instanceof ClientXMPP client) {
            builder.withDetail("jid", bound != null ? bound.bare().toString()
                    : client.clientConfig().jid().bare().toString());
            HostAddress server = client.serverAddress();
            if (server != null) {
                builder.withDetail("server", server.toString());
            }
            String mechanism = client.saslMechanism();
            if (mechanism != null) {
                builder.withDetail("saslMechanism", mechanism);
            }
            Instant since = client.sessionSince();
            if (since != null) {
                builder.withDetail("connectedSince", since.toString());
            }
            if (client.isSessionEstablished()) {
                builder.up();
            } else {
                builder.down();
            }
        } else if (xmpp instanceof ComponentXMPP component) {
            builder.withDetail("jid", component.componentConfig().domain().toString());
            builder.withDetail("server", component.componentConfig().host() + ":"
                    + component.componentConfig().port());
            if (component.isSessionEstablished()) {
                builder.up();
            } else {
                builder.down();
            }
        } else {
            if (xmpp.isConnected()) {
                builder.up();
            } else {
                builder.down();
            }
        }
    }
}
