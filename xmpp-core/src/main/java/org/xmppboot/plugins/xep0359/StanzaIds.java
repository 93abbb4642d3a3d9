package org.xmppboot.plugins.xep0359;

import java.util.UUID;

import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.Direction;

/**
 * XEP-0359 Unique and Stable Stanza IDs: announces {@code urn:xmpp:sid:0} (XEP-0359 §5) and, unless
 * {@link StanzaIdConfig#originId()} is off, adds an {@code <origin-id/>} to every message we send that has none.
 * Reading is on the message: {@code message.getOriginId()}, and {@code message.getStanzaId(by)} for the id that a
 * named, trusted entity (our server, a room) gave it. Raises no events.
 */
public class StanzaIds extends BasePlugin {

    public static final String NAME = "xep_0359";
    public static final String NAMESPACE = "urn:xmpp:sid:0";
    /** Late, so the origin-id goes on what other filters made of the message. */
    private static final int FILTER_ORDER = 1000;

    private volatile StanzaIdConfig config;

    public StanzaIds() {
        this(StanzaIdConfig.DEFAULT);
    }

    public StanzaIds(StanzaIdConfig config) {
        super(NAME, ServiceDiscovery.NAME);
        this.config = config;
    }

    /** Replaces the settings; takes effect when the plugin starts, so call it before connecting. */
    public StanzaIds configure(StanzaIdConfig config) {
        this.config = config;
        return this;
    }

    public StanzaIdConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        if (config.originId()) {
            context.addFilter(Direction.OUT, StanzaIds::addOriginId, FILTER_ORDER);
        }
    }

    private static StanzaBase addOriginId(StanzaBase stanza) {
        if (stanza instanceof Message message && message.getMessageType() != Message.Type.ERROR
                && message.getOriginId() == null) {
            message.setOriginId(UUID.randomUUID().toString());
        }
        return stanza;
    }
}
