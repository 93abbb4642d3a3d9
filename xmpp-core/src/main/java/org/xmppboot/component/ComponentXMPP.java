package org.xmppboot.component;

import org.xmppboot.BaseXMPP;
import org.xmppboot.stream.StreamConfig;

/**
 * An external component connection ({@code jabber:component:accept}, XEP-0114). This class holds the stream
 * and stanza machinery of {@link BaseXMPP}; the handshake with a server is not implemented yet.
 */
public class ComponentXMPP extends BaseXMPP {

    public static final String NAMESPACE = "jabber:component:accept";

    public ComponentXMPP(StreamConfig config) {
        super(NAMESPACE, config);
    }
}
