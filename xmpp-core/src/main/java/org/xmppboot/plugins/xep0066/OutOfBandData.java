package org.xmppboot.plugins.xep0066;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Message;

/**
 * XEP-0066 Out of Band Data, {@code jabber:x:oob} in messages: announces the namespace (XEP-0066 §7) and makes
 * messages that share a URL ({@link #linkMessage}). Reading is on the message: {@code message.getOob()}. The iq
 * variant ({@code jabber:iq:oob}, a push of a file to a peer) is not supported. Raises no events.
 */
public class OutOfBandData extends BasePlugin {

    public static final String NAME = "xep_0066";
    public static final String NAMESPACE = "jabber:x:oob";

    public OutOfBandData() {
        super(NAME, ServiceDiscovery.NAME);
    }

    @Override
    protected void start(PluginContext context) {
        Objects.requireNonNull(Oob.SCHEMA); // registers message.get("oob")
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
    }

    /**
     * A message sharing a URL, not yet sent: the URL as the body and in {@code <x xmlns='jabber:x:oob'/>}. Clients
     * show the file inline when the body is exactly the URL, and others still see a link.
     */
    public Message linkMessage(Jid to, URI url, Message.@Nullable Type type, @Nullable String desc) {
        Message message = context().makeMessage(to, url.toString(), type);
        message.setId(context().newId());
        Oob.set(message, url.toString(), desc);
        return message;
    }
}
