package org.xmppboot.plugins.xep0202;

import java.net.ProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.IqFeaturePlugin;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0202 Entity Time: answers {@code urn:xmpp:time} with our clock in UTC and our zone's offset, announces the
 * feature (XEP-0202 §4), and asks others their time. The zone is {@link EntityTimeConfig#zone()}, the system's
 * by default. Raises no events.
 */
public class EntityTime extends IqFeaturePlugin {

    public static final String NAME = "xep_0202";
    public static final String NAMESPACE = "urn:xmpp:time";

    private final Clock clock;
    private volatile EntityTimeConfig config;

    public EntityTime() {
        this(EntityTimeConfig.DEFAULT);
    }

    public EntityTime(EntityTimeConfig config) {
        this(config, Clock.systemUTC());
    }

    EntityTime(EntityTimeConfig config, Clock clock) {
        super(NAME, NAMESPACE, "time");
        this.config = config;
        this.clock = clock;
    }

    /** Replaces the settings; the zone applies from the next answer. */
    public EntityTime configure(EntityTimeConfig config) {
        this.config = config;
        return this;
    }

    public EntityTimeConfig config() {
        return config;
    }

    @Override
    protected XmlElement answer(Iq request) {
        Instant now = clock.instant();
        ZoneId zone = config.zone() != null ? config.zone() : ZoneId.systemDefault();
        ZoneOffset offset = zone.getRules().getOffset(now);
        return Time.of(now, offset).xml();
    }

    /**
     * Asks an entity its time. Fails with the entity's {@link org.xmppboot.stanza.StanzaErrorException} if it
     * refuses, and with a {@link ProtocolException} if its answer lacks a readable {@code <utc/>} or
     * {@code <tzo/>}.
     *
     * @param timeout how long to wait; null for the connection's iq timeout
     */
    public CompletableFuture<EntityTimeResult> getTime(Jid to, @Nullable Duration timeout) {
        Iq iq = context().makeIq(Iq.Type.GET, to).setPayload(Time.request().xml());
        return context().sendIq(iq, timeout).thenApply(result -> {
            XmlElement payload = result.getPayload();
            Time time = payload != null && Time.SCHEMA.describes(payload) ? new Time(payload) : null;
            Instant utc = time == null ? null : time.getUtc();
            ZoneOffset offset = time == null ? null : time.getOffset();
            if (utc == null || offset == null) {
                throw new CompletionException(new ProtocolException(to + " answered its time without a readable "
                        + "<utc/> and <tzo/>: " + payload));
            }
            return new EntityTimeResult(utc, offset);
        });
    }
}
