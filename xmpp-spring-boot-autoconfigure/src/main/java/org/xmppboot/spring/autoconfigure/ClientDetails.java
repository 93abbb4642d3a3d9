package org.xmppboot.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.xmppboot.jid.Jid;

/** The plain value behind {@link XmppConnectionDetails.Client#of}; its {@code toString()} leaves the password out. */
record ClientDetails(Jid jid, @Nullable String password, @Nullable String host, int port,
        @Nullable SslBundle sslBundle) implements XmppConnectionDetails.Client {

    @Override
    public Jid getJid() {
        return jid;
    }

    @Override
    public @Nullable String getPassword() {
        return password;
    }

    @Override
    public @Nullable String getHost() {
        return host;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public @Nullable SslBundle getSslBundle() {
        return sslBundle;
    }

    @Override
    public String toString() {
        return "Client[jid=" + jid + ", host=" + host + ", port=" + port + "]";
    }
}
