package org.xmppboot.plugins.xep0202;

import java.time.Instant;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0082.XmppDateTime;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <time xmlns='urn:xmpp:time'><tzo>-06:00</tzo><utc>2006-12-19T17:58:35Z</utc></time>} (XEP-0202 §2):
 * empty in a request, an entity's clock and time zone offset in the result. Interfaces: {@code tzo},
 * {@code utc} (the texts).
 */
public final class Time extends ElementBase {

    public static final Schema<Time> SCHEMA = Schema.builder("time", EntityTime.NAMESPACE, Time::new)
            .childText("tzo").childText("utc")
            .build();

    public Time(XmlElement xml) {
        super(xml);
    }

    /** An empty request payload. */
    public static Time request() {
        return new Time(new XmlElement("time", EntityTime.NAMESPACE));
    }

    /** A result payload: the time in UTC and the offset of the zone we are in. */
    public static Time of(Instant utc, ZoneOffset offset) {
        Time time = request();
        time.setChildText("tzo", EntityTime.NAMESPACE, XmppDateTime.formatOffset(offset));
        time.setChildText("utc", EntityTime.NAMESPACE, XmppDateTime.format(utc));
        return time;
    }

    @Override
    public Schema<Time> schema() {
        return SCHEMA;
    }

    /** The entity's clock, or null if missing or malformed. */
    public @Nullable Instant getUtc() {
        return XmppDateTime.parseInstant(xml.childText("utc", EntityTime.NAMESPACE));
    }

    /** The entity's offset from UTC, or null if missing or malformed. */
    public @Nullable ZoneOffset getOffset() {
        return XmppDateTime.parseOffset(xml.childText("tzo", EntityTime.NAMESPACE));
    }
}
