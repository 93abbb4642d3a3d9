package org.xmppboot.client;

import org.xmppboot.BaseXMPP;
import org.xmppboot.stream.StreamConfig;

/**
 * An XMPP client connection ({@code jabber:client}). This class holds the stream and stanza machinery of
 * {@link BaseXMPP}; connecting to a server (SRV lookup, STARTTLS, SASL, resource binding, reconnection) is
 * not implemented yet.
 */
public class ClientXMPP extends BaseXMPP {

    public static final String NAMESPACE = "jabber:client";

    public ClientXMPP(StreamConfig config) {
        super(NAMESPACE, config);
    }
}
