package org.xmppboot.spring.autoconfigure;

import org.xmppboot.jid.Jid;

/** The plain value behind {@link XmppConnectionDetails.Component#of}; its {@code toString()} leaves the secret out. */
record ComponentDetails(Jid domain, String secret, String host, int port) implements XmppConnectionDetails.Component {

    @Override
    public Jid getDomain() {
        return domain;
    }

    @Override
    public String getSecret() {
        return secret;
    }

    @Override
    public String getHost() {
        return host;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public String toString() {
        return "Component[domain=" + domain + ", host=" + host + ", port=" + port + "]";
    }
}
