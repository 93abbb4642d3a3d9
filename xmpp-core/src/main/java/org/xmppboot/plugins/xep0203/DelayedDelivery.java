package org.xmppboot.plugins.xep0203;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.stanza.StanzaBase;

/**
 * XEP-0203 Delayed Delivery: tells a message or presence that was held back (offline storage, a room's
 * history, an archive) from a live one. Reading needs nothing but the stanza: {@code message.getDelay()},
 * {@code message.isDelayed()}, and for a bot that should not act on stale commands,
 * {@code if (message.isOlderThan(Duration.ofMinutes(5))) return;}. This plugin stamps stanzas the bot holds
 * back itself. It raises no events and announces no feature (XEP-0203 defines none). The legacy XEP-0091
 * {@code jabber:x:delay} stamp of older servers is read as a delay too, and never written.
 */
public class DelayedDelivery extends BasePlugin {

    public static final String NAME = "xep_0203";
    public static final String NAMESPACE = Delay.NAMESPACE;

    public DelayedDelivery() {
        super(NAME);
    }

    @Override
    protected void start(PluginContext context) {
        // The extensions are registered with the stanza classes; nothing to switch on per connection.
    }

    /**
     * Adds a delay to a stanza the bot is passing on late: held since {@code stamp}, by us (XEP-0203 §2: the
     * {@code from} of a delay is the entity that delayed the stanza).
     */
    public Delay stamp(StanzaBase stanza, Instant stamp, @Nullable String reason) {
        Jid from = context().boundJid();
        Delay delay = Delay.of(stamp, from, reason);
        stanza.xml().addChild(delay.xml());
        return delay;
    }
}
