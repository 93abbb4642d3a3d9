package org.xmppboot.plugins.xep0045;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0082.XmppDateTime;
import org.xmppboot.xml.XmlElement;

/**
 * How much of a room's history to receive on joining (XEP-0045 §7.2.15): every limit given applies, the room
 * sends what satisfies all of them. {@link #ROOM_DEFAULT} asks nothing (the room decides), {@link #NONE} asks for
 * none, which is what a bot wants so that it does not act on old commands again.
 *
 * @param maxStanzas at most this many messages
 * @param maxChars at most this many characters of XML
 * @param seconds only messages of the last this many seconds
 * @param since only messages after this instant
 */
public record History(@Nullable Integer maxStanzas, @Nullable Integer maxChars, @Nullable Duration seconds,
        @Nullable Instant since) {

    /** No {@code <history/>} element: the room's default amount. */
    public static final History ROOM_DEFAULT = new History(null, null, null, null);
    /** {@code maxstanzas='0'}: no history. */
    public static final History NONE = maxStanzas(0);

    public History {
        if ((maxStanzas != null && maxStanzas < 0) || (maxChars != null && maxChars < 0)
                || (seconds != null && seconds.isNegative())) {
            throw new IllegalArgumentException("History limits cannot be negative");
        }
    }

    public static History maxStanzas(int max) {
        return new History(max, null, null, null);
    }

    public static History since(Instant since) {
        return new History(null, null, null, since);
    }

    public static History lastSeconds(Duration seconds) {
        return new History(null, null, seconds, null);
    }

    boolean isRoomDefault() {
        return maxStanzas == null && maxChars == null && seconds == null && since == null;
    }

    /** Writes the {@code <history/>} element into a join's {@code <x/>}, unless this is the room's default. */
    void writeTo(XmlElement join) {
        if (isRoomDefault()) {
            return;
        }
        XmlElement history = join.addElement("history", MultiUserChat.NAMESPACE);
        if (maxChars != null) {
            history.setAttribute("maxchars", maxChars.toString());
        }
        if (maxStanzas != null) {
            history.setAttribute("maxstanzas", maxStanzas.toString());
        }
        if (seconds != null) {
            history.setAttribute("seconds", Long.toString(seconds.getSeconds()));
        }
        if (since != null) {
            history.setAttribute("since", XmppDateTime.format(since));
        }
    }
}
