package org.xmppboot.plugins.xep0082;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The XEP-0082 DateTime and time zone (TZD) profiles, as timestamps travel in XMPP ({@code <delay stamp/>},
 * {@code <utc/>}, {@code <tzo/>}). Reading is forgiving of what the profile allows (a fraction of a second or
 * none, {@code Z} or a numeric offset) and never throws: a value from the network that does not parse is null,
 * so the caller treats it as absent.
 */
public final class XmppDateTime {

    private static final Pattern NUMERIC_TZD = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2}))?");

    private XmppDateTime() {
    }

    /** {@code CCYY-MM-DDThh:mm:ss[.sss]TZD} as an instant, or null if absent or malformed. */
    public static @Nullable Instant parseInstant(@Nullable String value) {
        OffsetDateTime dateTime = parse(value);
        return dateTime == null ? null : dateTime.toInstant();
    }

    /** {@code CCYY-MM-DDThh:mm:ss[.sss]TZD} with its offset, or null if absent or malformed. */
    public static @Nullable OffsetDateTime parse(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * An instant in UTC with a {@code Z}, to the millisecond, the fraction only when there is one
     * ({@code 2002-09-10T23:08:25Z}, {@code 2002-09-10T23:08:25.120Z}): what every reader of XEP-0082 accepts.
     */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * A TZD ({@code Z}, {@code +hh:mm} or {@code -hh:mm}) as an offset, or null if absent or malformed. A one-digit
     * hour and a missing colon ({@code +0:00}, {@code -0600}) are read too: clients in use write them.
     */
    public static @Nullable ZoneOffset parseOffset(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String tzd = value.trim();
        if (tzd.equals("Z")) {
            return ZoneOffset.UTC;
        }
        Matcher numeric = NUMERIC_TZD.matcher(tzd);
        if (!numeric.matches()) {
            return null;
        }
        int sign = numeric.group(1).equals("-") ? -1 : 1;
        int hours = Integer.parseInt(numeric.group(2));
        int minutes = numeric.group(3) == null ? 0 : Integer.parseInt(numeric.group(3));
        try {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** An offset as a numeric TZD, {@code +00:00} for UTC (XEP-0202 §3 shows the numeric form). */
    public static String formatOffset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int minutes = Math.abs(seconds) / 60;
        return String.format("%s%02d:%02d", seconds < 0 ? "-" : "+", minutes / 60, minutes % 60);
    }
}
