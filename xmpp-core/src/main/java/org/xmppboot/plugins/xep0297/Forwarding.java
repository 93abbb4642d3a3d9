package org.xmppboot.plugins.xep0297;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0203.Delay;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0297 Stanza Forwarding: reads forwarded messages ({@code message.getForwarded().getMessage()}) and
 * forwards a message to someone else. Announces {@code urn:xmpp:forward:0} (XEP-0297 §4).
 *
 * <p>Events:
 * <ul>
 *   <li>{@code forwarded_stanza} ({@link Message}, the outer message): a message arrived with a
 *       {@code <forwarded/>} child holding a readable message. Forwards wrapped in another protocol's element
 *       (carbons' {@code <sent/>}, an archive's {@code <result/>}) are that protocol's to report (XEP-0297 §3.2).
 *       The message reaches the usual {@code message} handlers as well.</li>
 * </ul>
 */
public class Forwarding extends BasePlugin {

    public static final String NAME = "xep_0297";
    public static final String NAMESPACE = Forwarded.NAMESPACE;
    public static final String EVENT_FORWARDED = "forwarded_stanza";

    public Forwarding() {
        super(NAME, ServiceDiscovery.NAME);
    }

    @Override
    protected void start(PluginContext context) {
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME + ":forwarded", Matcher.stanzaPath("message/forwarded"),
                stanza -> {
                    Forwarded forwarded = ((Message) stanza).getForwarded();
                    if (forwarded != null && forwarded.getMessage() != null) {
                        context.event(EVENT_FORWARDED, stanza);
                    }
                }));
    }

    /**
     * Forwards a copy of a received message to {@code to} (XEP-0297 §3.1), with an optional note as the outer
     * body (empty when null: XEP-0297 §3.2 wants a body, so that clients show the forward as a message). The
     * delay says when the message reached us: its own delay stamp if it came late (the server held it since
     * then), else now, as a handler forwards what it has just received.
     *
     * @return the message sent
     */
    public Message forward(Message received, Jid to, @Nullable String note) {
        Delay delay = received.getDelay();
        Instant stamp = delay == null ? null : delay.getStamp();
        return forward(received, to, note, stamp != null ? stamp : Instant.now());
    }

    /** Forwards a copy of a message received at {@code receivedAt}. */
    public Message forward(Message received, Jid to, @Nullable String note, Instant receivedAt) {
        PluginContext context = context();
        // A forward goes to one person, never to a room as groupchat.
        Message.Type type = received.getMessageType() == Message.Type.GROUPCHAT ? Message.Type.NORMAL
                : received.getMessageType();
        Message message = context.makeMessage(to, note == null ? "" : note, type);
        message.xml().addChild(Forwarded.of(received, receivedAt, context.boundJid()).xml());
        context.send(message);
        return message;
    }
}
