package org.xmppboot.plugins.xep0359;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
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

    /**
     * The id the message's archive gave it, trusting only the entity that archives it: the room (the sender's
     * bare JID) for a groupchat message, our own account (our bare JID) for any other (XEP-0359 §3, rule 7). Null
     * before the session or when that entity gave none. This is the id to page through that archive from.
     * XEP-0359 §6 also asks that the entity announce {@code urn:xmpp:sid:0}; checking that is the caller's.
     */
    public @Nullable String archiveId(Message message) {
        Jid archive;
        if (message.getMessageType() == Message.Type.GROUPCHAT) {
            Jid from = Jid.ofOrNull(message.xml().attribute("from"));
            archive = from == null ? null : from.bare();
        } else {
            Jid self = context().boundJid();
            archive = self == null ? null : self.bare();
        }
        return archive == null ? null : message.getStanzaId(archive);
    }

    private static StanzaBase addOriginId(StanzaBase stanza) {
        if (stanza instanceof Message message && message.getMessageType() != Message.Type.ERROR
                && message.getOriginId() == null) {
            message.setOriginId(UUID.randomUUID().toString());
        }
        return stanza;
    }
}
