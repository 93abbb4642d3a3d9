package org.xmppboot.plugins.xep0410;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0045.Room;
import org.xmppboot.plugins.xep0199.Ping;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0410 MUC Self-Ping: every {@link SelfPingConfig#interval()}, pings our own occupant JID in each joined room
 * ({@code room@service/ournick}). The room answers for an occupant and refuses for a stranger, so the answer
 * says whether the room still counts us in (§3.2); a room that forgot us is joined again through
 * {@link MultiUserChat#rejoin}.
 *
 * <p>Events raised:
 * <ul>
 *   <li>{@code muc_self_ping_failed} ({@link Jid}, the room): the room no longer counts us as an occupant; a
 *       rejoin follows (its outcome is {@code muc_joined} or {@code muc_join_failed}).</li>
 * </ul>
 */
public class MucSelfPing extends BasePlugin {

    public static final String NAME = "xep_0410";
    public static final String EVENT_NOT_JOINED = "muc_self_ping_failed";

    private static final Logger log = LoggerFactory.getLogger(MucSelfPing.class);
    private static final String TIMER = NAME + ":round";
    /**
     * §3.2: answers that still mean "joined": the occupant is pinged and its client does not answer pings
     * (service-unavailable, feature-not-implemented), or it is changing its nick (item-not-found).
     */
    private static final Set<StanzaError.Condition> STILL_JOINED = Set.of(StanzaError.Condition.SERVICE_UNAVAILABLE,
            StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, StanzaError.Condition.ITEM_NOT_FOUND);
    /** §3.2: the room's service cannot be reached; nothing is known, and the next round asks again. */
    private static final Set<StanzaError.Condition> UNKNOWN = Set.of(StanzaError.Condition.REMOTE_SERVER_NOT_FOUND,
            StanzaError.Condition.REMOTE_SERVER_TIMEOUT);

    private volatile SelfPingConfig config;

    public MucSelfPing() {
        this(SelfPingConfig.DEFAULT);
    }

    public MucSelfPing(SelfPingConfig config) {
        super(NAME, MultiUserChat.NAME);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Replaces the settings; takes effect when the plugin starts, so call it before connecting. */
    public MucSelfPing configure(SelfPingConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        return this;
    }

    public SelfPingConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        Duration interval = config.interval();
        if (interval != null) {
            context.schedule(TIMER, interval, this::pingJoinedRooms, true);
        }
    }

    /** Pings every joined room now (the timer calls this every interval). */
    public void pingJoinedRooms() {
        if (!context().isSessionEstablished()) {
            return;
        }
        for (Room room : require(MultiUserChat.class).rooms()) {
            if (room.isJoined()) {
                ping(room);
            }
        }
    }

    private void ping(Room room) {
        PluginContext context = context();
        String nick = room.nick();
        Iq iq = context.makeIq(Iq.Type.GET, room.jid().withResource(nick));
        iq.setPayload(new XmlElement("ping", Ping.NAMESPACE));
        context.sendIq(iq, config.timeout()).whenComplete((result, error) -> {
            if (error == null) {
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (!(cause instanceof StanzaErrorException refused)) {
                log.debug("[{}] self-ping of {} unanswered: {}", context.connectionName(), room.jid(), cause);
                return;
            }
            StanzaError.Condition condition = refused.condition();
            if (STILL_JOINED.contains(condition) || UNKNOWN.contains(condition)) {
                return;
            }
            if (!room.isJoined() || !nick.equals(room.nick())) {
                return; // the room changed meanwhile: this answer is about a nick we no longer use
            }
            // §3.2: any other error (not-acceptable above all) means the room does not count us in.
            log.info("[{}] {} no longer counts us in ({}): joining again", context.connectionName(), room.jid(),
                    condition.elementName());
            context.event(EVENT_NOT_JOINED, room.jid());
            require(MultiUserChat.class).rejoin(room.jid());
        });
    }
}
