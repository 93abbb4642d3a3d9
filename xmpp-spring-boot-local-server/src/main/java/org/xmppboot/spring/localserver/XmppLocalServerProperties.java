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

    /**
     * The port for XMPP clients when it is free, so that a client configured once keeps working across runs; any
     * free port when it is taken (the log says which), or with 0.
     */
    private int port = 5222;

    /**
     * An account for a person to log in with from any XMPP client and talk to the bot (the log says how); empty
     * for none. A localpart, on the server's domain localhost.
     */
    private String user = "you";

    /** The password of that account. The server is local and thrown away with the application. */
    private String userPassword = "you";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getUserPassword() {
        return userPassword;
    }

    public void setUserPassword(String userPassword) {
        this.userPassword = userPassword;
    }

    public Server getServer() {
        return server;
    }

    public void setServer(Server server) {
        this.server = server;
    }
}
