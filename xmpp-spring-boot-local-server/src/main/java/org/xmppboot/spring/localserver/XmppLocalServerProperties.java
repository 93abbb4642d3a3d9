package org.xmppboot.spring.localserver;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A local XMPP server for development, started with the application ({@code xmpp.local-server.*}). The account
 * is still {@code xmpp.jid} and {@code xmpp.password}; they are created on the server.
 */
@ConfigurationProperties("xmpp.local-server")
public class XmppLocalServerProperties {

    /** The servers the application can start for development. */
    public enum Server {
        /** Prosody (Debian package {@code prosody}); starts in well under a second. */
        PROSODY,
        /** ejabberd (Debian package {@code ejabberd}); starts in a few seconds. */
        EJABBERD
    }

    /**
     * Whether to start a throwaway local server, create the configured account on it, and connect to it
     * instead of xmpp.host. The JID's domain must be localhost; a JID with no localpart logs in
     * anonymously. In component mode the connection takes the server's component slot, bot.localhost.
     */
    private boolean enabled;

    /** Which server to start. */
    private Server server = Server.PROSODY;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Server getServer() {
        return server;
    }

    public void setServer(Server server) {
        this.server = server;
    }
}
