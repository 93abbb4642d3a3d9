package org.xmppboot.plugins.xep0202;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Another entity's time (XEP-0202 §2).
 *
 * @param utc its clock when it answered
 * @param offset its time zone's offset from UTC
 */
public record EntityTimeResult(Instant utc, ZoneOffset offset) {

    /** Its local time: the clock in its zone. */
    public OffsetDateTime localTime() {
        return utc.atOffset(offset);
    }
}
