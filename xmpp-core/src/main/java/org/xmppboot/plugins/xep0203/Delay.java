package org.xmppboot.plugins.xep0203;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0082.XmppDateTime;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <delay xmlns='urn:xmpp:delay' from='..' stamp='..'>reason</delay>} (XEP-0203 §2): when a stanza was
 * first sent or stored, added by whoever held it back (a server's offline storage, a room's history, an archive).
 * Interfaces: {@code stamp} (an {@link Instant}, null if absent or malformed), {@code from}, {@code text}.
 */
public final class Delay extends ElementBase {

    public static final String NAMESPACE = "urn:xmpp:delay";
    /**
     * XEP-0091's {@code <x xmlns='jabber:x:delay' stamp='CCYYMMDDThh:mm:ss'/>}, which older servers still add:
     * read as a delay (its stamp is in UTC), never written.
     */
    public static final String LEGACY_NAMESPACE = "jabber:x:delay";
    private static final DateTimeFormatter LEGACY_STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    public static final Schema<Delay> SCHEMA = Schema.builder("delay", NAMESPACE, Delay::new)
            .attribute("from")
            .custom("stamp", Delay::getStamp,
                    (d, v) -> d.xml().setAttribute("stamp",
                            v instanceof Instant instant ? XmppDateTime.format(instant) : String.valueOf(v)),
                    d -> d.xml().removeAttribute("stamp"))
            .custom("text", Delay::getText, (d, v) -> d.setText(v == null ? null : v.toString()),
                    d -> d.setText(null))
            .build();

    public Delay(XmlElement xml) {
        super(xml);
    }

    /** A new delay element: held back since {@code stamp}, by {@code from} if given. */
    public static Delay of(Instant stamp, @Nullable Jid from, @Nullable String reason) {
        Delay delay = new Delay(new XmlElement("delay", NAMESPACE));
        delay.setStamp(stamp);
        delay.setFrom(from);
        delay.setText(reason);
        return delay;
    }

    /**
     * The earliest readable delay among a stanza's children, or null if none has a readable stamp. XEP-0203 §2
     * allows one, but a stanza can gather several on its way (a room's history stamp, then a server's offline
     * stamp); the earliest is the closest to when it was first sent. A legacy XEP-0091 delay counts too.
     */
    public static @Nullable Delay earliestIn(XmlElement stanza) {
        Delay earliest = null;
        Instant earliestStamp = Instant.MAX;
        for (XmlElement element : stanza.elements()) {
            if (!element.is("delay", NAMESPACE) && !element.is("x", LEGACY_NAMESPACE)) {
                continue;
            }
            Delay delay = new Delay(element);
            Instant stamp = delay.getStamp();
            if (stamp != null && stamp.isBefore(earliestStamp)) {
                earliest = delay;
                earliestStamp = stamp;
            }
        }
        return earliest;
    }

    @Override
    public Schema<Delay> schema() {
        return SCHEMA;
    }

    /** When the stanza was originally sent or stored; null if the stamp is missing or not an XEP-0082 DateTime. */
    public @Nullable Instant getStamp() {
        String stamp = xml.attribute("stamp");
        return xml.namespace().equals(LEGACY_NAMESPACE) ? parseLegacy(stamp) : XmppDateTime.parseInstant(stamp);
    }

    /** Whether this is a legacy XEP-0091 delay. */
    public boolean isLegacy() {
        return xml.namespace().equals(LEGACY_NAMESPACE);
    }

    private static @Nullable Instant parseLegacy(@Nullable String stamp) {
        if (stamp == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(stamp.trim(), LEGACY_STAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Whether the stamp is readable and more than {@code age} before now. */
    public boolean isOlderThan(Duration age) {
        Instant stamp = getStamp();
        return stamp != null && stamp.isBefore(Instant.now().minus(age));
    }

    public Delay setStamp(Instant stamp) {
        xml.setAttribute("stamp", XmppDateTime.format(stamp));
        return this;
    }

    /** Who delayed the stanza, or null if absent or not a JID. */
    public @Nullable Jid getFrom() {
        return Jid.ofOrNull(xml.attribute("from"));
    }

    public Delay setFrom(@Nullable Jid from) {
        xml.setAttribute("from", from == null ? null : from.toString());
        return this;
    }

    /** The human-readable reason, without the surrounding white space, or null. */
    public @Nullable String getText() {
        String text = xml.text().strip();
        return text.isEmpty() ? null : text;
    }

    public Delay setText(@Nullable String text) {
        xml.setText(text);
        return this;
    }
}
