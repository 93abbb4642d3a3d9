package org.xmppboot.spring.health;

import java.util.Locale;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.xmppboot.BaseXMPP;
import org.xmppboot.ConnectionState;

/**
 * {@code xmpp}: UP while a session is established, DOWN while connecting, reconnecting, failed or closed.
 * Details: the bare JID, the server, whether TLS is on, the SASL mechanism, stream management, since when, and
 * while DOWN the connection's state and why it is not established (the last failure). Never a secret.
 */
public class XmppHealthIndicator extends AbstractHealthIndicator {

    private final BaseXMPP xmpp;

    public XmppHealthIndicator(BaseXMPP xmpp) {
        super("XMPP health check failed");
        this.xmpp = xmpp;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        xmpp.connectionDetails().forEach(builder::withDetail);
        builder.withDetail("streamManagement", false);
        if (xmpp.isSessionEstablished()) {
            builder.up();
            return;
        }
        ConnectionState state = xmpp.connectionState();
        builder.down().withDetail("state", state.phase().name().toLowerCase(Locale.ROOT))
                .withDetail("stateSince", state.since().toString());
        if (state.reason() != null) {
            builder.withDetail("reason", state.reason());
        }
    }
}
