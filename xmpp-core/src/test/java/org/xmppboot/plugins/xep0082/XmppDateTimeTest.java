package org.xmppboot.plugins.xep0082;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** XEP-0082 §3.2 (DateTime) and §3.1 (TZD), with the profile's own examples. */
class XmppDateTimeTest {

    @Test
    void readsTheProfilesExamplesWithAndWithoutFractionAndWithAnOffset() {
        assertThat(XmppDateTime.parseInstant("1969-07-21T02:56:15Z"))
                .isEqualTo(Instant.parse("1969-07-21T02:56:15Z"));
        assertThat(XmppDateTime.parseInstant("1969-07-20T21:56:15-05:00"))
                .isEqualTo(Instant.parse("1969-07-21T02:56:15Z"));
        assertThat(XmppDateTime.parseInstant("1969-07-21T02:56:15.123Z"))
                .isEqualTo(Instant.parse("1969-07-21T02:56:15.123Z"));
        assertThat(XmppDateTime.parse("2006-12-19T11:58:35.000001-06:00"))
                .isEqualTo(OffsetDateTime.of(2006, 12, 19, 11, 58, 35, 1000, ZoneOffset.ofHours(-6)));
        assertThat(XmppDateTime.parseInstant(" 2002-09-10T23:08:25Z\n")).as("white space around")
                .isEqualTo(Instant.parse("2002-09-10T23:08:25Z"));
    }

    @Test
    void malformedValuesAreNullNotExceptions() {
        assertThat(XmppDateTime.parseInstant(null)).isNull();
        assertThat(XmppDateTime.parseInstant("")).isNull();
        assertThat(XmppDateTime.parseInstant("yesterday")).isNull();
        assertThat(XmppDateTime.parseInstant("2002-09-10T23:08:25")).as("no time zone").isNull();
        assertThat(XmppDateTime.parseInstant("20020910T23:08:25")).as("XEP-0091's legacy format").isNull();
        assertThat(XmppDateTime.parseInstant("2002-13-45T23:08:25Z")).isNull();
        assertThat(XmppDateTime.parseOffset("6:00")).as("no sign").isNull();
        assertThat(XmppDateTime.parseOffset("+25:00")).isNull();
        assertThat(XmppDateTime.parseOffset("+05:75")).isNull();
        assertThat(XmppDateTime.parseOffset("Europe/Paris")).isNull();
        assertThat(XmppDateTime.parseOffset(null)).isNull();
    }

    @Test
    void writesUtcWithAFractionOnlyWhenThereIsOne() {
        assertThat(XmppDateTime.format(Instant.parse("2002-09-10T23:08:25Z"))).isEqualTo("2002-09-10T23:08:25Z");
        assertThat(XmppDateTime.format(Instant.parse("2002-09-10T23:08:25.120999Z")))
                .isEqualTo("2002-09-10T23:08:25.120Z");
    }

    @Test
    void offsetsRoundTripAsNumericTimeZoneDefinitions() {
        assertThat(XmppDateTime.parseOffset("Z")).isEqualTo(ZoneOffset.UTC);
        assertThat(XmppDateTime.parseOffset("-06:00")).isEqualTo(ZoneOffset.ofHours(-6));
        assertThat(XmppDateTime.parseOffset("-03:30")).isEqualTo(ZoneOffset.ofHoursMinutes(-3, -30));
        assertThat(XmppDateTime.parseOffset("+0:00")).as("a one-digit hour, as written in the wild")
                .isEqualTo(ZoneOffset.UTC);
        assertThat(XmppDateTime.parseOffset("+0530")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(XmppDateTime.formatOffset(ZoneOffset.ofHours(-6))).isEqualTo("-06:00");
        assertThat(XmppDateTime.formatOffset(ZoneOffset.ofHoursMinutes(5, 30))).isEqualTo("+05:30");
        assertThat(XmppDateTime.formatOffset(ZoneOffset.ofHoursMinutes(-3, -30))).isEqualTo("-03:30");
        assertThat(XmppDateTime.formatOffset(ZoneOffset.UTC)).isEqualTo("+00:00");
    }
}
