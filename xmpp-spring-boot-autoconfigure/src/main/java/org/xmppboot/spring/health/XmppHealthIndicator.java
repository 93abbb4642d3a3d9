package org.xmppboot.spring.health;


import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.xmppboot.BaseXMPP;

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
        xmpp.connectionDetails().forEach(builder::withDetail);
        builder.withDetail("streamManagement", false);
        if (xmpp.isSessionEstablished()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
