package org.xmppboot.plugins.xep0012;

import java.net.ProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.IqFeaturePlugin;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.Direction;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0012 Last Activity: answers {@code jabber:iq:last}, announces the feature (XEP-0012 §6), and asks others
 * how long they have been idle, offline, or up.
 *
 * <p>What we answer: a client's answer is its user's idle time (§4), and a bot's user is the bot, so on a
 * client connection it is the time since the bot last sent a message with a body (what a person would call
 * activity: receipts, chat states and other bodiless messages do not count), or since the plugin started when
 * it has sent none. On a component's connection it is the component's uptime (§5): the time since the plugin
 * started. The server decides who may ask a client at all (§4: it answers {@code forbidden} itself to entities
 * without a presence subscription). Raises no events.
 */
public class LastActivity extends IqFeaturePlugin {

    public static final String NAME = "xep_0012";
    public static final String NAMESPACE = "jabber:iq:last";

    private final Clock clock;
    private volatile Instant started = Instant.EPOCH;
    private volatile Instant lastActive = Instant.EPOCH;

    public LastActivity() {
        this(Clock.systemUTC());
    }

    LastActivity(Clock clock) {
        super(NAME, NAMESPACE, "query");
        this.clock = clock;
    }

    @Override
    protected void start(PluginContext context) {
        super.start(context);
        started = clock.instant();
        lastActive = started;
        if (!context.isComponent()) {
            context.addFilter(Direction.OUT, this::noteActivity, 0);
        }
    }

    private StanzaBase noteActivity(StanzaBase stanza) {
        if (stanza instanceof Message message && message.getMessageType() != Message.Type.ERROR
                && message.getBody() != null) {
            lastActive = clock.instant();
        }
        return stanza;
    }

    /** How long since our last activity, as we answer it (see the class comment). */
    public Duration idle() {
        return Duration.between(lastActive, clock.instant());
    }

    @Override
    protected XmlElement answer(Iq request) {
        return LastQuery.request().setSeconds(Math.max(0, idle().toSeconds())).xml();
    }

    /**
     * Asks an entity its last activity: an account's bare JID for the time since its user logged out (§3), a
     * full JID for a client's idle time (§4), a domain for a server's or component's uptime (§5). Fails with the
     * entity's {@link org.xmppboot.stanza.StanzaErrorException} if it refuses ({@code forbidden} without a
     * presence subscription, {@code service-unavailable} if it does not tell), and with a
     * {@link ProtocolException} if its answer has no readable {@code seconds}.
     *
     * @param timeout how long to wait; null for the connection's iq timeout
     */
    public CompletableFuture<LastActivityResult> getLastActivity(Jid to, @Nullable Duration timeout) {
        Iq iq = context().makeIq(Iq.Type.GET, to).setPayload(LastQuery.request().xml());
        return context().sendIq(iq, timeout).thenApply(result -> {
            XmlElement payload = result.getPayload();
            LastQuery query = payload != null && LastQuery.SCHEMA.describes(payload) ? new LastQuery(payload) : null;
            Long seconds = query == null ? null : query.getSeconds();
            if (query == null || seconds == null) {
                throw new CompletionException(new ProtocolException(to + " answered a last activity query "
                        + "without readable seconds: " + payload));
            }
            return new LastActivityResult(Duration.ofSeconds(seconds), query.getStatus());
        });
    }

    /** A server's or component's uptime (§5): {@link #getLastActivity} of a domain. */
    public CompletableFuture<Duration> getUptime(Jid server, @Nullable Duration timeout) {
        return getLastActivity(server.domainJid(), timeout).thenApply(LastActivityResult::elapsed);
    }
}
